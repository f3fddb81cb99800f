package io.policyledger.app.rules;

import static io.policyledger.app.testing.Bodies.allowFrom;
import static io.policyledger.app.testing.Bodies.namespace;
import static io.policyledger.app.testing.Bodies.pod;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A reachability sweep in one call: the table, the deciding side of each denied cell, now and in the past. */
class ConnectivityMatrixIT {

    private static final String MATRICES = "/apis/policyledger.io/v1/connectivitymatrices";
    private static final String SWEEP = "{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"ConnectivityMatrix\","
            + "\"spec\":{\"namespaces\":[\"sweep\"],\"ports\":[{\"protocol\":\"TCP\",\"port\":80},{\"port\":443}]}}";

    private static RunningApp app;
    private static ApiClient api;
    private static String beforePolicy;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestDatabase.createDatabase());
        api = app.api();
        assertThat(api.post("/api/v1/namespaces", namespace("sweep", "{}")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/namespaces/sweep/pods", pod("front", "{\"app\":\"front\"}"))
                        .status())
                .isEqualTo(201);
        ApiClient.Response web = api.post("/api/v1/namespaces/sweep/pods", pod("web", "{\"app\":\"web\"}"));
        beforePolicy = web.text("/metadata/resourceVersion");
        assertThat(api.post(
                                "/apis/networking.k8s.io/v1/namespaces/sweep/networkpolicies",
                                allowFrom("web-from-front", "front"))
                        .status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyCellIsDecidedAsASingleCheckWouldAndDeniedCellsSayWhy() {
        ApiClient.Response r = api.post(MATRICES, SWEEP);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().at("/status/pods").toString()).isEqualTo("[\"sweep/front\",\"sweep/web\"]");
        // Port 80 is web's "http": only front may reach web there; 443 is in no rule, so web takes nothing.
        assertThat(r.json().at("/status/results/0/table").toString()).isEqualTo("[\"11\",\"1.\"]");
        assertThat(r.json().at("/status/results/1/table").toString()).isEqualTo("[\"1.\",\"1.\"]");
        assertThat(r.text("/status/results/0/denied/0/from")).isEqualTo("sweep/web");
        assertThat(r.text("/status/results/0/denied/0/deniedBy")).isEqualTo("ingress");
        assertThat(r.text("/status/results/0/denied/0/reason")).contains("sweep/web-from-front");
        assertThat(r.text("/status/summary")).isEqualTo("5 of 8 connections allowed");

        String single = api.post(
                        "/apis/policyledger.io/v1/connectivitychecks",
                        "{\"spec\":{\"from\":\"sweep/web\",\"to\":\"sweep/web\",\"port\":80}}")
                .text("/status/allowed");
        assertThat(single).isEqualTo("false");
    }

    @Test
    void aPastRevisionIsSweptAsItWas() {
        ApiClient.Response then = api.post(MATRICES + "?revision=" + beforePolicy, SWEEP);
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.json().at("/status/results/0/table").toString()).isEqualTo("[\"11\",\"11\"]");
    }

    @Test
    void aTenantSweepsOnlyItsOwnNamespacesAndBadInputIsRefused() {
        api.post("/apis/policyledger.io/v1/tenants", tenant("outsider"));
        ApiClient outsider = api.as(app.mint("outsider", "tenant-admin", "olivia"));
        assertThat(outsider.post(MATRICES, SWEEP).status()).isEqualTo(404);

        assertThat(api.post(MATRICES, "{\"spec\":{\"namespaces\":[],\"ports\":[{\"port\":80}]}}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post(MATRICES, "{\"spec\":{\"namespaces\":[\"sweep\"],\"ports\":[{\"port\":70000}]}}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post(MATRICES, "{\"spec\":{\"namespaces\":[\"sweep\"],\"ports\":[{\"port\":80}],\"size\":1}}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                MATRICES,
                                "{\"spec\":{\"namespaces\":[\"sweep\"],\"ports\":[{\"protocl\":\"UDP\",\"port\":53}]}}")
                        .status())
                .isEqualTo(400);
    }
}
