package io.policyledger.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.testing.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** Read-model rebuilds through the API, followed to their end. */
public final class Rebuilds {

    public static final String PATH = "/apis/policyledger.io/v1/audit/rebuilds";
    public static final String VERIFY_ONLY = "{\"spec\":{\"verifyOnly\":true}}";

    private Rebuilds() {}

    /** Starts a rebuild ({@code body} null: the default, which switches) and answers it once finished. */
    public static JsonNode runToTheEnd(ApiClient admin, String body) {
        ApiClient.Response started = admin.post(PATH, body == null ? "" : body);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return followToTheEnd(
                started.text("/metadata/name"), path -> admin.get(path).json());
    }

    /** The same, through another process's API (an instance started as a separate JVM). */
    public static JsonNode runToTheEnd(TestApi admin, String body) {
        TestApi.Response started = admin.post(PATH, body == null ? "" : body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return followToTheEnd(
                started.json().at("/metadata/name").asText(),
                path -> admin.get(path).json());
    }

    private static JsonNode followToTheEnd(String name, Function<String, JsonNode> get) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode rebuild = get.apply(PATH + "/" + name);
            if (rebuild.at("/status/finishedAt").isTextual()) {
                return rebuild;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("rebuild " + name + " did not end");
    }
}
