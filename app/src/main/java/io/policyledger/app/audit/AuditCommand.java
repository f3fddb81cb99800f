package io.policyledger.app.audit;

import io.policyledger.app.database.CommandLineDatabase;
import io.policyledger.app.security.AuditKey;
import io.policyledger.eventstore.EventChain;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code java -jar app/target/policy-ledger.jar verify [--policy-ledger.data-dir=D]
 * [--spring.datasource.url=… --spring.datasource.username=… --spring.datasource.password=…]}: checks the
 * event log as {@code GET audit/verify} does, without the service (it needs the database and the
 * server's key only). The database is the one named, else the embedded one of the data directory while
 * the service runs ({@code <data-dir>/postgres.url}). Exit status 0: intact; 1: altered; 2: could not check.
 */
public final class AuditCommand {

    private AuditCommand() {}

    public static int verify(String[] args, PrintStream out) {
        Map<String, String> options = CommandLineDatabase.options(args);
        try {
            Path dataDir = Path.of(options.getOrDefault("policy-ledger.data-dir", "data"));
            PGSimpleDataSource database = CommandLineDatabase.of(options, dataDir);
            AuditKey key = AuditKey.fromFile(keyFile(options, dataDir));
            LogVerifier.Result result = new LogVerifier(database, key, 100).verify();
            EventChain.Verification chain = result.chain();
            out.printf(
                    "events: %d, head revision %d, link %s%n",
                    chain.events(), chain.head(), HexFormat.of().formatHex(chain.headLink()));
            chain.problems().forEach(p -> out.printf("revision %d: %s%n", p.revision(), p.what()));
            result.failedCheckpoints()
                    .forEach(c -> out.printf("checkpoint at revision %d: %s%n", c.revision(), c.problem()));
            out.printf(
                    "checkpoints: %d signed, %d hold%n",
                    result.checkpoints(),
                    result.checkpoints() - result.failedCheckpoints().size());
            out.println(
                    result.intact()
                            ? "verified: the log is what was stored"
                            : "ALTERED: the log is not what was stored");
            return result.intact() ? 0 : 1;
        } catch (Exception e) {
            out.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private static Path keyFile(Map<String, String> options, Path dataDir) {
        String given = options.get("policy-ledger.security.signing-key-file");
        if (given != null) {
            return Path.of(given);
        }
        Path tokens = dataDir.resolve("jwt-signing-key.json");
        return Files.exists(tokens) ? tokens : dataDir.resolve("audit-signing-key.json");
    }
}
