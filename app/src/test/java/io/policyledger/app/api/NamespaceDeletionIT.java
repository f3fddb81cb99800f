package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.denyAllIngress;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A namespace that still holds pods or policies cannot be deleted (409); once emptied it can. No
 * object may outlive its namespace, even when deletion and creation race.
 */
class NamespaceDeletionIT {

    private static final String NP = "/apis/networking.k8s.io/v1/namespaces/";

    private static RunningApp app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aNamespaceHoldingObjectsCannotBeDeletedUntilItIsEmpty() {
        api.post("/api/v1/namespaces", namespace("full", "{}"));
        api.post("/api/v1/namespaces/full/pods", pod("a", "{}"));
        api.post(NP + "full/networkpolicies", denyAllIngress("deny"));
        long events = app.eventCount();

        Response refused = api.delete("/api/v1/namespaces/full");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("/reason")).isEqualTo("Conflict");
        assertThat(refused.text("/message")).contains("still holds 2 object(s)");
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get("/api/v1/namespaces/full/pods/a").status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/namespaces/full/pods/a").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/full").status()).isEqualTo(409);
        assertThat(api.delete(NP + "full/networkpolicies/deny").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/full").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/full").status()).isEqualTo(404);
    }

    @Test
    void nothingCanBeCreatedInADeletedNamespaceAndARecreatedOneStartsEmpty() {
        api.post("/api/v1/namespaces", namespace("gone", "{}"));
        String firstUid = api.get("/api/v1/namespaces/gone").text("/metadata/uid");
        api.delete("/api/v1/namespaces/gone");

        assertThat(api.post("/api/v1/namespaces/gone/pods", pod("a", "{}")).status())
                .isEqualTo(404);

        Response again = api.post("/api/v1/namespaces", namespace("gone", "{}"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("/metadata/uid")).isNotEqualTo(firstUid);
        assertThat(api.get("/api/v1/namespaces/gone/pods").json().get("items")).isEmpty();
        assertThat(api.post("/api/v1/namespaces/gone/pods", pod("a", "{}")).status())
                .isEqualTo(201);
    }

    @Test
    void whenDeletionRacesCreationNoPodIsLeftInAMissingNamespace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            for (int round = 0; round < 5; round++) {
                String ns = "race-" + round;
                api.post("/api/v1/namespaces", namespace(ns, "{}"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> creates = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String podName = "p" + i;
                    creates.add(pool.submit(() -> {
                        go.await();
                        return api.post("/api/v1/namespaces/" + ns + "/pods", pod(podName, "{}"))
                                .status();
                    }));
                }
                Future<Integer> deletion = pool.submit(() -> {
                    go.await();
                    return api.delete("/api/v1/namespaces/" + ns).status();
                });
                go.countDown();
                int created = 0;
                for (Future<Integer> f : creates) {
                    int status = f.get();
                    assertThat(status).isIn(201, 404);
                    created += status == 201 ? 1 : 0;
                }
                int deleted = deletion.get();
                assertThat(deleted).isIn(200, 409);

                boolean namespaceExists = api.get("/api/v1/namespaces/" + ns).status() == 200;
                int podsLeft = api.get("/api/v1/namespaces/" + ns + "/pods")
                        .json()
                        .get("items")
                        .size();
                assertThat(podsLeft).isEqualTo(created);
                if (!namespaceExists) {
                    assertThat(podsLeft).as("pods outliving namespace " + ns).isZero();
                }
                assertThat(deleted == 200).isEqualTo(!namespaceExists);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
