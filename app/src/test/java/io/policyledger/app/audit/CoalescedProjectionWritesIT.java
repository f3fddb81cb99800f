package io.policyledger.app.audit;

import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.query.effective.EffectiveRulesProjection;
import io.policyledger.query.objects.CurrentObjectProjection;
import io.policyledger.query.position.ProjectionPositions;
import io.policyledger.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projections keep a batch's writes per row and send them when the batch commits. Whether a row sees
 * its history one event per transaction or a hundred events at once, it must end the same: here the live
 * projections apply a busy history in small batches (writers racing each other), and a rebuild replays the
 * same history in one batch of thousands of events, which a verify-only rebuild then compares row by row.
 */
class CoalescedProjectionWritesIT {

    private static RunningApp app;
    private static ApiClient platform;

    @BeforeAll
    static void start() {
        app = RunningApp.start(
                TestDatabase.createDatabase(),
                "--policy-ledger.security.writes-per-second=100000",
                "--policy-ledger.security.write-burst=100000");
        platform = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Creates, label changes, metadata-only changes, deletions and re-creations of the same few objects. */
    private static int churn(int writer) {
        String ns = "churn-" + (writer % 2);
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        int ok = 0;
        for (int round = 0; round < 12; round++) {
            String name = "p" + (round % 3);
            Response r = switch (round % 4) {
                case 0 -> platform.post(pods, pod(name, "{\"app\":\"w" + writer + "\"}"));
                case 1 ->
                    platform.patch(
                            pods + "/" + name,
                            "application/merge-patch+json",
                            "{\"metadata\":{\"labels\":{\"app\":\"r" + round + "\",\"by\":\"w" + writer + "\"}}}");
                case 2 ->
                    platform.patch(
                            "/api/v1/namespaces/" + ns,
                            "application/merge-patch+json",
                            "{\"metadata\":{\"labels\":{\"last\":\"w" + writer + "-" + round + "\"}}}");
                default -> platform.delete(pods + "/" + name);
            };
            ok += r.status() / 100 == 2 ? 1 : 0;
        }
        return ok;
    }

    @Test
    void aRowWrittenManyTimesInOneBatchEndsAsWhenWrittenOneEventAtATime() throws Exception {
        for (int n = 0; n < 2; n++) {
            assertThat(platform.post("/api/v1/namespaces", namespace("churn-" + n, "{}"))
                            .status())
                    .isEqualTo(201);
        }
        ExecutorService writers = Executors.newFixedThreadPool(8);
        int accepted = 0;
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(writers.submit(() -> churn(writer)));
            }
            for (Future<Integer> f : done) {
                accepted += f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        // At least the 24 namespace label changes (the pods' creates and deletes race each other).
        assertThat(accepted).as("the history has many changes of the same rows").isGreaterThanOrEqualTo(24);
        ProjectionPositions positions = app.bean(ProjectionPositions.class);
        long head = positions.logHead();
        assertThat(positions.await(CurrentObjectProjection.NAME, head, Duration.ofSeconds(30)))
                .isTrue();
        assertThat(positions.await(EffectiveRulesProjection.NAME, head, Duration.ofSeconds(30)))
                .isTrue();

        Response started = platform.post("/apis/policyledger.io/v1/audit/rebuilds", "{\"spec\":{\"verifyOnly\":true}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode done = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode rebuild = platform.get("/apis/policyledger.io/v1/audit/rebuilds/" + started.text("/metadata/name"))
                    .json();
            if (rebuild.at("/status/finishedAt").isTextual()) {
                done = rebuild;
                break;
            }
            Thread.sleep(200);
        }
        assertThat(done).as("the rebuild ended").isNotNull();
        assertThat(done.at("/status/phase").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.at("/status/message").asText())
                .as(done.toString())
                .isEqualTo("verified, not switched: the rebuilt read models equal the live ones");
    }
}
