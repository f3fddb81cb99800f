package io.policyledger.app.security;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Credentials from issue to end: minted by the platform admin, used on any instance, ended at once by
 * revocation or by their tenant's deletion, never stored; the admin kubeconfig private and lasting;
 * agents confined to their node; every event attributed, every refused write logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialLifecycleIT {

    private static TestDatabase.Database database;
    private static Path firstDataDir;
    private static RunningApp first;
    private static RunningApp second;

    @BeforeAll
    static void start() {
        database = TestDatabase.createDatabase();
        firstDataDir = RunningApp.tempDir();
        first = RunningApp.start(database, firstDataDir);
        // Instances sharing a database share the signing key.
        second = RunningApp.start(
                database, "--policy-ledger.security.signing-key-file=" + firstDataDir.resolve("jwt-signing-key.json"));
        first.api().post("/api/v1/namespaces", namespaceOf("tenant-a", "a-ns", "{}"));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aMintedTokenWorksOnEveryInstanceAndItsRevocationEndsItAtOnceEverywhere() {
        Response minted = first.api()
                .post(
                        "/apis/policyledger.io/v1/tenants/tenant-a/tokens",
                        "{\"spec\":{\"role\":\"tenant-viewer\",\"subject\":\"carol\",\"expirationSeconds\":600}}");
        assertThat(minted.status()).isEqualTo(201);
        assertThat(minted.text("/spec/tenant")).isEqualTo("tenant-a");
        String token = minted.text("/status/token");
        String id = minted.text("/metadata/name");
        ApiClient onFirst = first.api().as(token);
        ApiClient onSecond = second.api().as(token);
        assertThat(onFirst.get("/api/v1/namespaces/a-ns").status()).isEqualTo(200);
        assertThat(onSecond.get("/api/v1/namespaces/a-ns").status()).isEqualTo(200);

        assertThat(first.api()
                        .delete("/apis/policyledger.io/v1/tenants/tenant-a/tokens/" + id)
                        .status())
                .isEqualTo(200);

        Response refused = onSecond.get("/api/v1/namespaces/a-ns");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("/reason")).isEqualTo("Unauthorized");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(onFirst.get("/api/v1/namespaces/a-ns").status()).isEqualTo(401);
        assertThat(first.api()
                        .get("/apis/policyledger.io/v1/tenants/tenant-a/tokens/" + id)
                        .text("/status/revocationTimestamp"))
                .isNotEmpty();
    }

    @Test
    void deletingATenantEndsItsCredentials() {
        first.api().post("/apis/policyledger.io/v1/tenants", tenant("short-lived"));
        String token = Credentials.mint(first, "short-lived", "tenant-admin", "dave", null);
        ApiClient dave = first.api().as(token);
        assertThat(dave.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"dave-ns\"}}")
                        .status())
                .isEqualTo(201);
        assertThat(first.api()
                        .delete("/apis/policyledger.io/v1/tenants/short-lived")
                        .status())
                .as("a tenant owning namespaces is not deleted")
                .isEqualTo(409);
        assertThat(dave.delete("/api/v1/namespaces/dave-ns").status()).isEqualTo(200);

        assertThat(first.api()
                        .delete("/apis/policyledger.io/v1/tenants/short-lived")
                        .status())
                .isEqualTo(200);

        assertThat(dave.get("/api/v1/namespaces").status()).isEqualTo(401);
    }

    @Test
    void aRecreatedTenantDoesNotReviveTheCredentialsOfItsNamesake() {
        first.api().post("/apis/policyledger.io/v1/tenants", tenant("reborn"));
        ApiClient frank = second.api().as(Credentials.mint(first, "reborn", "tenant-admin", "frank", null));
        assertThat(frank.get("/api/v1/namespaces").status()).isEqualTo(200);

        assertThat(first.api().delete("/apis/policyledger.io/v1/tenants/reborn").status())
                .isEqualTo(200);
        assertThat(first.api()
                        .post("/apis/policyledger.io/v1/tenants", tenant("reborn"))
                        .status())
                .isEqualTo(201);

        assertThat(frank.get("/api/v1/namespaces").status()).isEqualTo(401);
        assertThat(frank.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"frank-ns\"}}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void clusterWideCredentialsAreMintedListedAndRevokedOnlyByThePlatform() {
        ApiClient admin = first.api();
        Response minted = admin.post(
                "/apis/policyledger.io/v1/tokens",
                "{\"spec\":{\"role\":\"platform-admin\",\"subject\":\"ops\",\"expirationSeconds\":600}}");
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        String token = minted.text("/status/token");
        String id = minted.text("/metadata/name");
        ApiClient ops = second.api().as(token);
        assertThat(ops.get("/apis/policyledger.io/v1/tenants").status()).isEqualTo(200);
        Response listed = admin.get("/apis/policyledger.io/v1/tokens");
        assertThat(listed.json().get("items").findValuesAsText("name")).contains(id);
        assertThat(listed.body()).doesNotContain(token);
        ApiClient alice = first.api().as(Credentials.mint(first, "tenant-a", "tenant-admin", "alice", null));
        assertThat(alice.get("/apis/policyledger.io/v1/tokens").status()).isEqualTo(403);
        assertThat(alice.delete("/apis/policyledger.io/v1/tokens/" + id).status())
                .isEqualTo(403);
        assertThat(admin.post("/apis/policyledger.io/v1/tokens", "{\"spec\":{\"role\":\"tenant-admin\"}}")
                        .status())
                .isEqualTo(400);

        assertThat(admin.delete("/apis/policyledger.io/v1/tokens/" + id).status())
                .isEqualTo(200);

        assertThat(ops.get("/apis/policyledger.io/v1/tenants").status()).isEqualTo(401);
        assertThat(admin.get("/apis/policyledger.io/v1/tokens/" + id).text("/status/revocationTimestamp"))
                .isNotEmpty();
        assertThat(admin.delete("/apis/policyledger.io/v1/tokens/no-such-token").status())
                .isEqualTo(404);
    }

    @Test
    void podAddressesAreAttestedByTheAgentOfTheirNodeAndBelongToOnePodAtATime() {
        ApiClient alice = first.api().as(Credentials.mint(first, "tenant-a", "tenant-admin", "alice", null));
        Response agentToken = first.api()
                .post(
                        "/apis/policyledger.io/v1/tokens",
                        "{\"spec\":{\"role\":\"agent\",\"subject\":\"agent-n3\",\"node\":\"n3\"}}");
        ApiClient agent = second.api().as(agentToken.text("/status/token"));
        String pod =
                "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"nodeName\":\"n3\",\"containers\":[{\"name\":\"c\"}]}%s}";
        String address = "{\"status\":{\"podIP\":\"%s\",\"podIPs\":null}}";
        long events = first.eventCount();

        Response claimed = alice.post(
                "/api/v1/namespaces/a-ns/pods", pod.formatted("claims", ",\"status\":{\"podIP\":\"10.3.0.1\"}"));
        assertThat(claimed.status()).isEqualTo(403);
        assertThat(first.eventCount()).isEqualTo(events);
        assertThat(alice.post("/api/v1/namespaces/a-ns/pods", pod.formatted("first", ""))
                        .status())
                .isEqualTo(201);
        assertThat(alice.post("/api/v1/namespaces/a-ns/pods", pod.formatted("second", ""))
                        .status())
                .isEqualTo(201);
        assertThat(alice.patch(
                                "/api/v1/namespaces/a-ns/pods/first/status",
                                "application/merge-patch+json",
                                address.formatted("10.3.0.1"))
                        .status())
                .isEqualTo(403);

        assertThat(agent.patch(
                                "/api/v1/namespaces/a-ns/pods/first/status",
                                "application/merge-patch+json",
                                address.formatted("10.3.0.1"))
                        .status())
                .isEqualTo(200);
        long before = first.eventCount();
        Response taken = agent.patch(
                "/api/v1/namespaces/a-ns/pods/second/status",
                "application/merge-patch+json",
                address.formatted("10.3.0.1"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("/message")).contains("10.3.0.1 is already registered to another pod");
        assertThat(first.eventCount()).isEqualTo(before);
        assertThat(alice.get("/api/v1/namespaces/a-ns/pods/second")
                        .json()
                        .at("/status/podIP")
                        .isMissingNode())
                .isTrue();

        // Once the first pod is gone its address is free again.
        assertThat(alice.delete("/api/v1/namespaces/a-ns/pods/first").status()).isEqualTo(200);
        assertThat(agent.patch(
                                "/api/v1/namespaces/a-ns/pods/second/status",
                                "application/merge-patch+json",
                                address.formatted("10.3.0.1"))
                        .status())
                .isEqualTo(200);
        assertThat(alice.get("/api/v1/namespaces/a-ns/pods/second").text("/status/podIP"))
                .isEqualTo("10.3.0.1");
        assertThat(alice.delete("/api/v1/namespaces/a-ns/pods/second").status()).isEqualTo(200);
    }

    @Test
    void theTokenItselfIsNeverStored() {
        String token = Credentials.mint(first, "tenant-a", "tenant-admin", "erin", null);

        Long inEvents = first.jdbc()
                .queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE "
                                + "position(convert_to(?, 'UTF8') in payload) > 0 OR position(convert_to(?, 'UTF8') in meta_data) > 0",
                        Long.class,
                        token,
                        token);
        assertThat(inEvents).isZero();
        assertThat(first.api()
                        .get("/apis/policyledger.io/v1/tenants/tenant-a/tokens")
                        .body())
                .doesNotContain(token);
    }

    @Test
    void tokenRequestsAreChecked() {
        ApiClient admin = first.api();
        assertThat(admin.post(
                                "/apis/policyledger.io/v1/tenants/tenant-a/tokens",
                                "{\"spec\":{\"role\":\"platform-admin\"}}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(
                                "/apis/policyledger.io/v1/tenants/tenant-a/tokens",
                                "{\"spec\":{\"role\":\"tenant-admin\",\"expirationSeconds\":999999999}}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/apis/policyledger.io/v1/tenants/tenant-a/tokens", "{\"spec\":{\"role\":\"agent\"}}")
                        .status())
                .isEqualTo(422);
        assertThat(admin.post(
                                "/apis/policyledger.io/v1/tenants/nobody/tokens",
                                "{\"spec\":{\"role\":\"tenant-admin\"}}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theAdminKubeconfigIsPrivateCarriesTheServersCertificateAndSurvivesARestart() throws Exception {
        Path kubeconfig = firstDataDir.resolve("admin.kubeconfig");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(kubeconfig))
                .contains("server: https://localhost:")
                .contains("certificate-authority-data: ");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(firstDataDir.resolve("jwt-signing-key.json"))))
                .isEqualTo("rw-------");

        String before = first.adminToken();
        try (RunningApp again = RunningApp.start(database, firstDataDir)) {
            assertThat(again.adminToken()).isEqualTo(before);
            assertThat(again.api().get("/api/v1/namespaces").status()).isEqualTo(200);
        }
    }

    @Test
    void anAgentRegistersPodsOnItsNodeOnly() {
        ApiClient agent = first.api().as(Credentials.mint(first, "tenant-a", "agent", "agent-n1", "n1"));
        String pod = "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"nodeName\":\"%s\",\"containers\":[{\"name\":\"c\"}]},"
                + "\"status\":{\"podIP\":\"%s\"}}";

        assertThat(agent.post("/api/v1/namespaces/a-ns/pods", pod.formatted("on-n1", "n1", "10.0.0.9"))
                        .status())
                .isEqualTo(201);
        assertThat(agent.post("/api/v1/namespaces/a-ns/pods", pod.formatted("on-n2", "n2", "10.0.0.8"))
                        .status())
                .isEqualTo(403);
        assertThat(agent.patch(
                                "/api/v1/namespaces/a-ns/pods/on-n1",
                                "application/merge-patch+json",
                                "{\"spec\":{\"nodeName\":\"n2\"}}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.patch(
                                "/api/v1/namespaces/a-ns/pods/on-n1/status",
                                "application/merge-patch+json",
                                "{\"status\":{\"podIP\":\"10.0.0.10\",\"podIPs\":null}}")
                        .status())
                .isEqualTo(200);
        assertThat(first.api()
                        .post("/api/v1/namespaces/a-ns/pods", pod.formatted("placed-on-n2", "n2", "10.0.0.7"))
                        .status())
                .isEqualTo(201);
        assertThat(agent.get("/api/v1/namespaces/a-ns/pods/placed-on-n2").status())
                .isEqualTo(404);
        assertThat(agent.delete("/api/v1/namespaces/a-ns/pods/placed-on-n2").status())
                .isEqualTo(404);
        assertThat(agent.patch(
                                "/api/v1/namespaces/a-ns/pods/placed-on-n2/status",
                                "application/merge-patch+json",
                                "{\"status\":{\"podIP\":\"10.0.0.6\",\"podIPs\":null}}")
                        .status())
                .isEqualTo(404);
        assertThat(agent.get("/api/v1/pods").json().get("items").findValuesAsText("nodeName"))
                .containsOnly("n1");
        assertThat(agent.get("/api/v1/namespaces").status()).isEqualTo(403);
        assertThat(agent.delete("/api/v1/namespaces/a-ns/pods/on-n1").status()).isEqualTo(200);
    }

    @Test
    void everyEventRecordsTheAuthenticatedCallerAndEveryRefusedWriteIsLogged(CapturedOutput output) {
        ApiClient alice = first.api().as(Credentials.mint(first, "tenant-a", "tenant-admin", "alice", null));
        ApiClient viewer = first.api().as(Credentials.mint(first, "tenant-a", "tenant-viewer", "victor", null));
        assertThat(alice.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"alice-ns\"}}")
                        .status())
                .isEqualTo(201);
        long events = first.eventCount();

        assertThat(viewer.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"victor-ns\"}}")
                        .status())
                .isEqualTo(403);

        Map<String, Object> meta = first.jdbc()
                .queryForMap(
                        "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' AS actor, "
                                + "convert_from(meta_data, 'UTF8')::jsonb ->> 'role' AS role, convert_from(meta_data, 'UTF8')::jsonb ->> "
                                + "'tenant' AS tenant FROM domain_event_entry WHERE aggregate_identifier = 'namespaces/alice-ns'");
        assertThat(meta)
                .containsEntry("actor", "alice")
                .containsEntry("role", "tenant-admin")
                .containsEntry("tenant", "tenant-a");
        assertThat(first.eventCount()).isEqualTo(events);
        assertThat(output.getAll())
                .contains("write denied: subject=victor role=tenant-viewer tenant=tenant-a "
                        + "method=POST path=/api/v1/namespaces status=403");
    }
}
