package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The object API's tests by concern ({@link ObjectLifecycleIT}, {@link PatchIT}, {@link RequestValidationIT},
 * {@link KindDefaultsIT}): each class an application and a database of its own, and the helpers they share.
 */
abstract class OneAppPerClass {

    static final String NP = "/apis/networking.k8s.io/v1/namespaces/";

    static RunningApp app;
    static ApiClient api;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A namespace of the default tenant; answers its resourceVersion. */
    static String createNamespace(String name) {
        Response r = api.post("/api/v1/namespaces", namespace(name, "{\"team\":\"a\"}"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("/metadata/resourceVersion");
    }
}
