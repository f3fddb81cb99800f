package io.policyledger.app.audit;

import static io.policyledger.app.testing.Bodies.namespaceOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.policyledger.app.security.AuditKey;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.eventstore.EventChain;
import io.policyledger.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event log's hash chain against real tampering: rows of {@code domain_event_entry} are changed,
 * deleted, swapped and added with SQL (the service stopped, as an intruder with database access would),
 * and verification must name the revision where the log stopped being what was stored; a log edited and
 * re-linked consistently must still fail against the server's signed checkpoint.
 */
class EventChainIT {

    private static TestDatabase.Database database;
    private static JdbcTemplate jdbc;
    private static AuditKey key;
    private static long head;
    private static Path dataDir;

    @BeforeAll
    static void aLogWithACheckpoint() throws Exception {
        database = TestDatabase.createDatabase();
        try (RunningApp app = RunningApp.start(database)) {
            ApiClient platform = app.api();
            for (int i = 0; i < 5; i++) {
                ok(platform.post("/api/v1/namespaces", namespaceOf("tenant-a", "chain-" + i, "{}")));
                ok(platform.patch(
                        "/api/v1/namespaces/chain-" + i,
                        "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"step\":\"" + i + "\"}}}"));
            }
            JsonNode intact =
                    platform.get("/apis/policyledger.io/v1/audit/verify").json().get("status");
            assertThat(intact.get("verified").asBoolean()).as(intact.toString()).isTrue();
            assertThat(intact.get("events").asLong()).isEqualTo(app.eventCount());

            JsonNode signed = platform.post("/apis/policyledger.io/v1/audit/checkpoints", "{}")
                    .json()
                    .at("/items/0");
            head = signed.get("revision").asLong();
            assertThat(platform.get("/apis/policyledger.io/v1/audit/checkpoints?limit=1")
                            .json()
                            .at("/items/0/revision")
                            .asLong())
                    .isEqualTo(head);
            assertThat(platform.get("/apis/policyledger.io/v1/audit/checkpoints?limit=some")
                            .status())
                    .isEqualTo(400);
            assertThat(head)
                    .isEqualTo(
                            app.jdbc().queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
            // Offline, with nothing but the exported public key: the checkpoint's signature holds.
            String pem = platform.get("/apis/policyledger.io/v1/audit/publickey")
                    .json()
                    .get("pem")
                    .asText();
            assertThat(verifies(
                            pem,
                            signed.get("message").asText(),
                            signed.get("signature").asText()))
                    .isTrue();
            assertThat(verifies(
                            pem,
                            signed.get("message").asText().replace("revision", "revision 1"),
                            signed.get("signature").asText()))
                    .isFalse();

            JsonNode checked =
                    platform.get("/apis/policyledger.io/v1/audit/verify").json().get("status");
            assertThat(checked.at("/checkpoints/verified").asInt()).isEqualTo(1);
            assertThat(app.api()
                            .as(app.mint("tenant-a", "tenant-admin", "alice"))
                            .get("/apis/policyledger.io/v1/audit/verify")
                            .status())
                    .isEqualTo(403);
            key = app.bean(AuditKey.class);
            dataDir = app.dataDir();
        }
        PGSimpleDataSource dataSource = database.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE saved_events AS SELECT * FROM domain_event_entry");
        jdbc.execute("CREATE TABLE saved_chain AS SELECT * FROM event_chain");
        jdbc.execute("CREATE TABLE saved_checkpoints AS SELECT * FROM event_chain_checkpoint");
    }

    @AfterEach
    void restore() {
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER event_chain_append");
        jdbc.execute("DELETE FROM domain_event_entry");
        jdbc.execute("INSERT INTO domain_event_entry SELECT * FROM saved_events");
        jdbc.execute("DELETE FROM event_chain");
        jdbc.execute("INSERT INTO event_chain SELECT * FROM saved_chain");
        jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER event_chain_append");
        jdbc.execute("DELETE FROM event_chain_checkpoint");
        jdbc.execute("INSERT INTO event_chain_checkpoint SELECT * FROM saved_checkpoints");
        assertThat(verify().intact()).as("restored").isTrue();
    }

    @Test
    void anEditedEventIsFoundWhereItIs() {
        long edited = namespaceEvent(2);
        jdbc.update(
                "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'chain-', 'chain_'), 'UTF8') WHERE global_index = ?",
                edited);
        LogVerifier.Result result = verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.chain().problems())
                .extracting(EventChain.Problem::revision)
                .containsExactly(edited);
        assertThat(result.chain().problems().get(0).what()).contains("does not match its link");
        assertThat(result.failedCheckpoints())
                .extracting(LogVerifier.FailedCheckpoint::revision)
                .containsExactly(head);
    }

    @Test
    void theCommandLineChecksTheLogWithoutTheService() {
        assertThat(command())
                .startsWith("0 ")
                .contains("verified: the log is what was stored")
                .contains("checkpoints: 1 signed, 1 hold");
        long edited = namespaceEvent(0);
        jdbc.update(
                "UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), "
                        + "'alice', 'mallory'), 'UTF8') WHERE global_index = ?",
                edited);
        jdbc.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z' WHERE global_index = ?", edited);
        assertThat(command())
                .startsWith("1 ")
                .contains("revision " + edited + ": the event does not match its link")
                .contains("ALTERED");
    }

    /** Runs {@code policy-ledger.jar verify} in this JVM: its exit status, then what it printed. */
    private static String command() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = AuditCommand.verify(
                new String[] {
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    "--policy-ledger.data-dir=" + dataDir
                },
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return status + " " + printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDeletedEventIsFoundWithOrWithoutItsLink() {
        long deleted = namespaceEvent(3);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", deleted);
        assertThat(verify().chain().problems())
                .extracting(EventChain.Problem::revision)
                .containsExactly(deleted);
        assertThat(verify().chain().problems().get(0).what()).contains("deleted");

        jdbc.update("DELETE FROM event_chain WHERE global_index = ?", deleted);
        List<EventChain.Problem> problems = verify().chain().problems();
        assertThat(problems)
                .extracting(EventChain.Problem::revision)
                .as("found at the next event")
                .containsExactly(nextAfter(deleted));
        assertThat(problems.get(0).what()).contains("the event just before it was deleted");
    }

    @Test
    void swappedEventsAreFoundAtBothPlaces() {
        long first = namespaceEvent(1);
        long second = nextAfter(first);
        jdbc.update("""
                UPDATE domain_event_entry e SET payload = o.payload, payload_type = o.payload_type
                FROM saved_events o WHERE (e.global_index, o.global_index) IN ((?, ?), (?, ?))""", first, second, second, first);
        assertThat(verify().chain().problems())
                .extracting(EventChain.Problem::revision)
                .containsExactly(first, second);
    }

    @Test
    void anEventAddedOutsideTheServerHasNoLink() {
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER event_chain_append");
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                  payload_type, payload_revision, payload, meta_data)
                SELECT event_identifier || '-forged', aggregate_identifier, sequence_number + 100, type, time_stamp,
                  payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE global_index = ?""", head);
        jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER event_chain_append");
        List<EventChain.Problem> problems = verify().chain().problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).revision()).isGreaterThan(head);
        assertThat(problems.get(0).what()).contains("no link");
    }

    @Test
    void aLogEditedAndReLinkedStillFailsItsSignedCheckpoint() {
        long edited = namespaceEvent(4);
        jdbc.update(
                "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                        + "'chain-', 'chain_'), 'UTF8') WHERE global_index = ?",
                edited);
        // The intruder recomputes every link from the edited event on, with the database's own function.
        jdbc.execute("""
                DO $$
                DECLARE e domain_event_entry; previous BYTEA := decode(repeat('00', 32), 'hex');
                BEGIN
                  FOR e IN SELECT * FROM domain_event_entry ORDER BY global_index LOOP
                    previous := event_chain_link(previous, e);
                    UPDATE event_chain SET link = previous WHERE global_index = e.global_index;
                  END LOOP;
                END $$""");
        LogVerifier.Result result = verify();
        assertThat(result.chain().problems())
                .as("the links agree with the edited log")
                .isEmpty();
        assertThat(result.intact()).isFalse();
        assertThat(result.failedCheckpoints())
                .extracting(LogVerifier.FailedCheckpoint::revision)
                .containsExactly(head);
        assertThat(result.failedCheckpoints().get(0).problem()).contains("not the log that was signed");
    }

    @Test
    void aForgedCheckpointIsRefused() {
        jdbc.update("UPDATE event_chain_checkpoint SET signature = decode(repeat('ab', 256), 'hex')");
        assertThat(verify().failedCheckpoints())
                .extracting(LogVerifier.FailedCheckpoint::problem)
                .containsExactly("its signature is not the server's");
    }

    // ---- helpers ----

    private static LogVerifier.Result verify() {
        try {
            return new LogVerifier(jdbc.getDataSource(), key, 100).verify();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The revision of the k-th (from 0) stored event about one of the test's namespaces, before the checkpoint. */
    private static long namespaceEvent(int k) {
        return jdbc.queryForList(
                        "SELECT global_index FROM saved_events WHERE convert_from(payload, 'UTF8') LIKE "
                                + "'%chain-%' AND global_index <= ? ORDER BY global_index",
                        Long.class, head)
                .get(k);
    }

    private static long nextAfter(long revision) {
        return jdbc.queryForObject(
                "SELECT min(global_index) FROM saved_events WHERE global_index > ?", Long.class, revision);
    }

    private static boolean verifies(String pem, String message, String signature) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }
}
