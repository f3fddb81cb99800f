package io.policyledger.app.nodes;

import static io.policyledger.app.nodes.NodeRuleStreamIT.initialEventsEnd;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.app.testing.WatchStream;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shutdown ends every agent's watch at once with a BOOKMARK at what it was sent, which its agent
 * resumes from (on another instance, or this one back), instead of cutting streams off after the grace
 * period; and the instance stops without waiting out that period for them.
 */
class GracefulShutdownIT {

    @Test
    void aShutdownEndsWatchesWithAResumableBookmark() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        RunningApp app = RunningApp.start(database);
        ApiClient platform = app.api();
        assertThat(platform.post("/api/v1/namespaces", namespace("sd", "{}")).status())
                .isEqualTo(201);
        assertThat(platform.post("/api/v1/namespaces/sd/pods", pod("p", "{\"app\":\"p\"}"))
                        .status())
                .isEqualTo(201);
        ApiClient agent = platform.as(platform.post(
                        "/apis/policyledger.io/v1/tokens",
                        "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-1\",\"node\":\"node-1\"}}")
                .text("/status/token"));

        long resumeFrom;
        try (WatchStream watch = agent.watch("/apis/policyledger.io/v1/nodes/node-1/rules?watch=true")) {
            List<JsonNode> snapshot = watch.until(initialEventsEnd(), Duration.ofSeconds(30));
            long synced = Long.parseLong(snapshot.get(snapshot.size() - 1)
                    .at("/object/metadata/resourceVersion")
                    .asText());

            long start = System.nanoTime();
            Thread closing = new Thread(app::close, "closing");
            closing.start();
            JsonNode last = watch.next(Duration.ofSeconds(20));
            assertThat(last).as("a last event before the stream ends").isNotNull();
            assertThat(last.path("type").asText()).isEqualTo("BOOKMARK");
            resumeFrom =
                    Long.parseLong(last.at("/object/metadata/resourceVersion").asText());
            assertThat(resumeFrom).isGreaterThanOrEqualTo(synced);
            assertThat(watch.endsWithin(Duration.ofSeconds(20)))
                    .as("the server ended the stream")
                    .isTrue();
            closing.join(60_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("graceful shutdown with an open watch: %.1f s (grace period 30 s)%n", seconds);
            assertThat(closing.isAlive()).isFalse();
            assertThat(seconds)
                    .as("not the grace period waited out for the watch")
                    .isLessThan(25);
        }

        // The agent resumes from its bookmark on the next instance.
        try (RunningApp again = RunningApp.start(database)) {
            ApiClient resumed = again.api()
                    .as(again.api()
                            .post(
                                    "/apis/policyledger.io/v1/tokens",
                                    "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-1b\",\"node\":\"node-1\"}}")
                            .text("/status/token"));
            try (WatchStream watch = resumed.watch(
                    "/apis/policyledger.io/v1/nodes/node-1/rules?watch=true&resourceVersion=" + resumeFrom)) {
                assertThat(watch.status()).isEqualTo(200);
                assertThat(watch.next(Duration.ofSeconds(30)).path("type").asText())
                        .isIn("BOOKMARK", "ADDED", "MODIFIED", "DELETED");
            }
        }
    }
}
