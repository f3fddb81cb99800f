package io.policyledger.agent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar agent/target/policy-ledger-agent.jar --server URL --token-file F --node N --state-dir D --apply} */
@Command(
        name = "policy-ledger-agent",
        mixinStandardHelpOptions = true,
        description = "Enforces a node's policy-ledger rules with nftables, one table per pod network namespace.")
public final class AgentMain implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "Server URL; repeat to name several instances.")
    List<URI> servers = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Credential credential;

    static final class Credential {
        @Option(names = "--token", description = "The node's agent token.")
        String token;

        @Option(names = "--token-file", description = "A file holding the node's agent token.")
        Path tokenFile;
    }

    @Option(names = "--node", required = true, description = "The node this agent enforces.")
    String node;

    @Option(names = "--state-dir", required = true, description = "Where the agent keeps its last applied revision.")
    Path stateDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--dry-run", paramLabel = "DIR", description = "Write each pod's nftables ruleset to DIR.")
        Path dryRun;

        @Option(names = "--apply", description = "Program nftables in each pod's network namespace.")
        boolean apply;
    }

    @Option(names = "--certificate-authority", description = "PEM file to trust for the server's certificate.")
    List<Path> certificateAuthorities = new ArrayList<>();

    @Option(
            names = "--heartbeat-timeout",
            defaultValue = "PT20S",
            description =
                    "Reconnect after this long without a line from the server (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration heartbeatTimeout;

    @Option(
            names = "--resync-interval",
            defaultValue = "PT5M",
            description = "Program every pod again this often, changed or not (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration resyncInterval;

    @Option(
            names = "--trust-netns-annotation",
            description = "Use the network namespace a pod names (policyledger.io/netns) instead of <namespace>_<pod>.")
    boolean trustNetnsAnnotation;

    @Override
    public Integer call() throws Exception {
        String token = credential.token != null
                ? credential.token
                : Files.readString(credential.tokenFile).trim();
        ServerClient client = new ServerClient(servers, token, node, certificateAuthorities);
        Dataplane dataplane = mode.apply ? new NetnsDataplane(trustNetnsAnnotation) : new DryRunDataplane(mode.dryRun);
        Agent agent = new Agent(
                client,
                dataplane,
                stateDir,
                heartbeatTimeout,
                resyncInterval,
                message -> System.err.println(Instant.now() + " " + message));
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
        agent.run();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }
}
