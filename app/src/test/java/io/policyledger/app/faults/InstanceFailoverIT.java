package io.policyledger.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.nodes.NodeModel;
import io.policyledger.testing.ServerProcess;
import io.policyledger.testing.TestApi;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database; the one running the projections is killed ({@code kill -9}). The
 * survivor takes them over once the dead one's claims time out: a write made through it right after the
 * kill is answered once it is visible, after the failover gap, which this test measures and prints; the
 * read models it then serves have every change, and later writes are visible at once again. An agent
 * watching its node on the killed instance resumes on the survivor from its last bookmark, and what it
 * then holds equals a fresh list.
 */
class InstanceFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LIMITS = "--policy-ledger.security.writes-per-second=100000";

    @Test
    void theSurvivorTakesTheProjectionsOverAndMeasuresTheGap() throws Exception {
        TestDatabase.Database database = TestDatabase.createDatabase();
        Path work = Files.createTempDirectory("pl-failover");
        try (ServerProcess first = ServerProcess.start(database, work.resolve("a"), LIMITS)) {
            // Started first, the first instance claims the projections.
            try (ServerProcess second = ServerProcess.start(
                    database,
                    work.resolve("b"),
                    LIMITS,
                    "--policy-ledger.security.signing-key-file="
                            + first.dataDir().resolve("jwt-signing-key.json"))) {
                TestApi survivor = second.api(first.adminToken());
                survivor.post("/apis/policyledger.io/v1/tenants", "{\"metadata\":{\"name\":\"fo\"}}")
                        .ok();
                survivor.post(
                                "/api/v1/namespaces",
                                "{\"metadata\":{\"name\":\"fo\",\"labels\":{\"policyledger.io/tenant\":" + "\"fo\"}}}")
                        .ok();
                long before = timed(() -> survivor.post("/api/v1/namespaces/fo/pods", pod("before"))
                        .ok());

                try (java.sql.Connection c = database.connect();
                        java.sql.Statement st = c.createStatement();
                        java.sql.ResultSet rs = st.executeQuery(
                                "SELECT owner FROM token_entry WHERE processor_name = " + "'effective-rules'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1))
                            .as("the instance to be killed runs the projections")
                            .startsWith(first.pid() + "@");
                }
                // An agent watches its node on the instance about to be killed.
                String agentToken = survivor.post(
                                "/apis/policyledger.io/v1/tokens",
                                "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-1\",\"node\":\"node-1\"}}")
                        .ok()
                        .json()
                        .at("/status/token")
                        .asText();
                NodeModel model = new NodeModel();
                TestApi.Watch watch =
                        first.api(agentToken).watch("/apis/policyledger.io/v1/nodes/node-1/rules?watch=true");
                assertThat(watch.status()).isEqualTo(200);
                model.followRounds(() -> watch.next(WAIT), NodeModel::isInitialEventsEnd);
                assertThat(model.revision).as("the agent's first bookmark").isPositive();

                first.kill();
                // What reached the agent before the connection broke counts up to its last complete round.
                model.followRounds(() -> watch.next(WAIT), e -> false);
                watch.close();
                long start = System.nanoTime();
                TestApi.Response during = survivor.post("/api/v1/namespaces/fo/pods", pod("during"));
                double gap = (System.nanoTime() - start) / 1e9;
                long after = timed(() -> survivor.post("/api/v1/namespaces/fo/pods", pod("after"))
                        .ok());

                System.out.printf(
                        "failover: a write through the survivor right after the kill was visible after %.1f s "
                                + "(claim timeout 5 s); writes before and after: %d ms and %d ms%n",
                        gap, before, after);
                assertThat(during.status()).as(during.body()).isEqualTo(201);
                for (String pod : new String[] {"before", "during", "after"}) {
                    assertThat(survivor.get("/api/v1/namespaces/fo/pods/" + pod).status())
                            .as(pod)
                            .isEqualTo(200);
                }
                assertThat(survivor.get("/apis/policyledger.io/v1/namespaces/fo/effectiverules/after")
                                .status())
                        .as("the effective rules moved over too")
                        .isEqualTo(200);
                assertThat(survivor.get("/apis/policyledger.io/v1/nodes")
                                .json()
                                .at("/items")
                                .findValuesAsText("name"))
                        .as("the fleet view")
                        .contains("node-1");

                // The agent resumes on the survivor from its last bookmark; what it then holds is a fresh list.
                long head = Long.parseLong(survivor.get("/apis/policyledger.io/v1/nodes/node-1/rules")
                        .json()
                        .at("/metadata/resourceVersion")
                        .asText());
                try (TestApi.Watch resumed = second.api(agentToken)
                        .watch("/apis/policyledger.io/v1/nodes/node-1/rules?watch=true&resourceVersion="
                                + model.revision)) {
                    assertThat(resumed.status()).isEqualTo(200);
                    model.followRounds(() -> resumed.next(WAIT), e -> model.revision >= head);
                }
                NodeModel fresh = NodeModel.ofList(survivor.get("/apis/policyledger.io/v1/nodes/node-1/rules")
                        .json());
                assertThat(model.revision)
                        .as("resumed up to the survivor's list")
                        .isGreaterThanOrEqualTo(head);
                assertThat(model.specs)
                        .as("the resumed agent's state equals a fresh list")
                        .isEqualTo(fresh.specs)
                        .containsKeys("PodRules fo/before", "PodRules fo/during", "PodRules fo/after");
            }
        }
    }

    private static String pod(String name) {
        return "{\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"m\"," + "\"image\":\"x\"}]}}";
    }

    private static long timed(Runnable write) {
        long start = System.nanoTime();
        write.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
