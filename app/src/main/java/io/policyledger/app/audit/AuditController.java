package io.policyledger.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.security.AuditKey;
import io.policyledger.eventstore.EventChain;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof that the event log was not altered (platform admin): {@code audit/verify} recomputes the hash
 * chain from the stored events and checks every signed checkpoint against it; {@code audit/checkpoints}
 * lists (GET) or signs now (POST) checkpoints of the chain's head; {@code audit/publickey} is the key to
 * check them with, offline.
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private static final int MAX_PROBLEMS = 100;

    private final LogVerifier verifier;
    private final ChainCheckpoints checkpoints;
    private final AuditKey key;
    private final ObjectMapper json = new ObjectMapper();

    AuditController(
            DataSource dataSource,
            ChainCheckpoints checkpoints,
            AuditKey key,
            io.policyledger.app.ops.ChainStatus status) {
        this.verifier = new LogVerifier(dataSource, key, MAX_PROBLEMS);
        this.checkpoints = checkpoints;
        this.key = key;
        this.status = status;
    }

    private final io.policyledger.app.ops.ChainStatus status;

    @GetMapping("/verify")
    ObjectNode verify() throws SQLException {
        LogVerifier.Result result = verifier.verify();
        status.verified(result.intact());
        EventChain.Verification v = result.chain();
        ArrayNode problems = json.createArrayNode();
        v.problems()
                .forEach(p -> problems.addObject().put("revision", p.revision()).put("problem", p.what()));
        ArrayNode failed = json.createArrayNode();
        result.failedCheckpoints()
                .forEach(f -> failed.addObject().put("revision", f.revision()).put("problem", f.problem()));
        ObjectNode out =
                json.createObjectNode().put("apiVersion", "policyledger.io/v1").put("kind", "AuditVerification");
        ObjectNode status = out.putObject("status");
        status.put("verified", result.intact())
                .put("events", v.events())
                .put("revision", v.head())
                .put("link", HexFormat.of().formatHex(v.headLink()))
                .put("durationMillis", result.durationMillis());
        if (!v.problems().isEmpty()) {
            status.put("firstProblemRevision", v.problems().get(0).revision());
        }
        status.set("problems", problems);
        if (v.truncated()) {
            status.put("problemsTruncated", true);
        }
        status.putObject("checkpoints")
                .put("total", result.checkpoints())
                .put(
                        "verified",
                        result.checkpoints() - result.failedCheckpoints().size())
                .set("failed", failed);
        status.put(
                "message",
                result.intact()
                        ? "the log's " + v.events() + " events match their links and all " + result.checkpoints()
                                + " signed checkpoints"
                        : "the log was altered: see problems and checkpoints.failed");
        return out;
    }

    @GetMapping("/checkpoints")
    ObjectNode list(@RequestParam(defaultValue = "100") int limit) {
        return checkpointList(checkpoints.list(Math.max(1, Math.min(limit, 10_000))));
    }

    @PostMapping("/checkpoints")
    ObjectNode sign() throws SQLException {
        ChainCheckpoints.Checkpoint newest = checkpoints.now();
        return checkpointList(newest == null ? List.of() : List.of(newest));
    }

    @GetMapping("/publickey")
    ObjectNode publicKey() {
        return json.createObjectNode()
                .put("apiVersion", "policyledger.io/v1")
                .put("kind", "AuditPublicKey")
                .put("algorithm", AuditKey.ALGORITHM)
                .put("keyId", key.keyId())
                .put("pem", key.publicKeyPem());
    }

    private ObjectNode checkpointList(List<ChainCheckpoints.Checkpoint> list) {
        ObjectNode out =
                json.createObjectNode().put("apiVersion", "policyledger.io/v1").put("kind", "CheckpointList");
        ArrayNode items = out.putArray("items");
        for (ChainCheckpoints.Checkpoint c : list) {
            items.addObject()
                    .put("revision", c.revision())
                    .put("link", HexFormat.of().formatHex(c.link()))
                    .put("algorithm", c.algorithm())
                    .put("keyId", c.keyId())
                    .put("signature", Base64.getEncoder().encodeToString(c.signature()))
                    .put("signedAt", c.signedAt().toString())
                    .put("message", c.message());
        }
        return out;
    }
}
