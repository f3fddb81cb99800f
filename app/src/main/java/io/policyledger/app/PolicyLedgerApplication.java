package io.policyledger.app;

import io.policyledger.app.audit.AuditCommand;
import io.policyledger.app.rebuild.RebuildCommand;
import io.policyledger.app.restore.PrepareRestoreCommand;
import java.util.Arrays;
import org.axonframework.springboot.autoconfig.XStreamAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * policy-ledger: the command side and the query side of the ledger behind one Kubernetes-style REST
 * API, on PostgreSQL (an embedded one unless {@code SPRING_DATASOURCE_URL} names another).
 */
@SpringBootApplication(scanBasePackages = "io.policyledger", exclude = XStreamAutoConfiguration.class)
@ConfigurationPropertiesScan("io.policyledger.app")
public class PolicyLedgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(AuditCommand.verify(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.rebuild(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("prepare-restore")) {
            System.exit(PrepareRestoreCommand.prepare(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        // Axon advertises its hosted console at every start; this service does not use it.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(PolicyLedgerApplication.class, args);
    }
}
