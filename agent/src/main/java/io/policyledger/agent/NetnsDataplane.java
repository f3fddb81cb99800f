package io.policyledger.agent;

import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Programs nftables inside each pod's network namespace ({@code ip netns exec NETNS nft -f -}). The
 * namespace is {@code <namespace>_<pod>} (unambiguous: neither name may contain '_'). The name a pod
 * gives itself ({@code spec.netns}, its {@code policyledger.io/netns} annotation) is used only when the
 * agent is told to trust it: the annotation is written by whoever writes the pod, and a tenant naming
 * another pod's namespace would otherwise have its rules programmed over that pod's.
 */
final class NetnsDataplane implements Dataplane {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    private final boolean trustNetnsAnnotation;

    NetnsDataplane(boolean trustNetnsAnnotation) {
        this.trustNetnsAnnotation = trustNetnsAnnotation;
    }

    @Override
    public void apply(String pod, PodRulesSpec spec, Map<String, PeerSetSpec> peerSets)
            throws IOException, InterruptedException {
        run(List.of("ip", "netns", "exec", netns(pod, spec), "nft", "-f", "-"), NftRuleset.render(pod, spec, peerSets));
    }

    @Override
    public String version() {
        return "nft/" + NftRuleset.VERSION;
    }

    @Override
    public void remove(String pod, PodRulesSpec lastSpec) throws IOException, InterruptedException {
        String netns = netns(pod, lastSpec);
        if (!Files.exists(Path.of("/var/run/netns", netns))) {
            return; // the pod's network namespace went with the pod: nothing to undo
        }
        try {
            run(List.of("ip", "netns", "exec", netns, "nft", "delete", "table", "inet", "policyledger"), "");
        } catch (IOException e) {
            if (!e.getMessage().contains("No such file or directory")) {
                throw e; // the rules are still there: the removal is retried
            }
        }
    }

    String netns(String pod, PodRulesSpec spec) throws IOException {
        String named = spec == null || !trustNetnsAnnotation || spec.netns() == null ? "" : spec.netns();
        if (named.isEmpty()) {
            return pod.replace('/', '_');
        }
        if (!SAFE_NAME.matcher(named).matches() || named.equals(".") || named.equals("..")) {
            throw new IOException(
                    "pod " + pod + " names the network namespace \"" + named + "\", which is not a " + "plain name");
        }
        return named;
    }

    private static void run(List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": timed out");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
