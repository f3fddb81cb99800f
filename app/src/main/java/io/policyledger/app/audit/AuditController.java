package io.policyledger.app.audit;

import io.policyledger.app.api.Revisions;
import io.policyledger.app.security.AuditKey;
import io.policyledger.eventstore.EventChain;
import io.policyledger.protocol.AuditView.AuditPublicKey;
import io.policyledger.protocol.AuditView.AuditVerification;
import io.policyledger.protocol.AuditView.Checkpoint;
import io.policyledger.protocol.AuditView.CheckpointCount;
import io.policyledger.protocol.AuditView.CheckpointList;
import io.policyledger.protocol.AuditView.Problem;
import io.policyledger.protocol.AuditView.Verification;
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
    AuditVerification verify() throws SQLException {
        LogVerifier.Result result = verifier.verify();
        status.verified(result.intact());
        EventChain.Verification v = result.chain();
        List<Problem> problems = v.problems().stream()
                .map(p -> new Problem(p.revision(), p.what()))
                .toList();
        List<Problem> failed = result.failedCheckpoints().stream()
                .map(f -> new Problem(f.revision(), f.problem()))
                .toList();
        return AuditVerification.of(new Verification(
                result.intact(),
                v.events(),
                v.head(),
                HexFormat.of().formatHex(v.headLink()),
                result.durationMillis(),
                problems.isEmpty() ? null : problems.get(0).revision(),
                problems,
                v.truncated() ? true : null,
                new CheckpointCount(result.checkpoints(), result.checkpoints() - failed.size(), failed),
                result.intact()
                        ? "the log's " + v.events() + " events match their links and all " + result.checkpoints()
                                + " signed checkpoints"
                        : "the log was altered: see problems and checkpoints.failed"));
    }

    @GetMapping("/checkpoints")
    CheckpointList list(@RequestParam(required = false) String limit) {
        return checkpointList(checkpoints.list(Revisions.limit(limit, 100, 10_000)));
    }

    @PostMapping("/checkpoints")
    CheckpointList sign() throws SQLException {
        ChainCheckpoints.Checkpoint newest = checkpoints.now();
        return checkpointList(newest == null ? List.of() : List.of(newest));
    }

    @GetMapping("/publickey")
    AuditPublicKey publicKey() {
        return AuditPublicKey.of(AuditKey.ALGORITHM, key.keyId(), key.publicKeyPem());
    }

    private static CheckpointList checkpointList(List<ChainCheckpoints.Checkpoint> list) {
        return CheckpointList.of(list.stream()
                .map(c -> new Checkpoint(
                        c.revision(),
                        HexFormat.of().formatHex(c.link()),
                        c.algorithm(),
                        c.keyId(),
                        Base64.getEncoder().encodeToString(c.signature()),
                        c.signedAt().toString(),
                        c.message()))
                .toList());
    }
}
