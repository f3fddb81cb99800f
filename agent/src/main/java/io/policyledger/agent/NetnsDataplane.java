package io.policyledger.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Programs nftables inside each pod's network namespace ({@code ip netns exec NETNS nft -f -}). The
 * namespace is {@code <namespace>_<pod>} (unambiguous: neither name may contain '_'). The name a pod
 * gives itself ({@code spec.netns}, its {@code policyledger.io/netns} annotation) is used only when the
 * agent is told to trust it: the annotation is written by whoever writes the pod, and a tenant naming
 * another pod's namespace would otherwise have its rules programmed over that pod's.
 */
final class NetnsDataplane implements Dataplane {

    private final boolean trustNetnsAnnotation;

    NetnsDataplane(boolean trustNetnsAnnotation) {
        this.trustNetnsAnnotation = trustNetnsAnnotation;
    }

    @Override
    public void apply(String pod, JsonNode spec, String ruleset) throws IOException, InterruptedException {
        run(List.of("ip", "netns", "exec", netns(pod, spec), "nft", "-f", "-"), ruleset);
    }

    @Override
    public void remove(String pod, JsonNode lastSpec) throws InterruptedException {
        try {
            run(List.of("ip", "netns", "exec", netns(pod, lastSpec), "nft", "delete", "table", "inet", "policyledger"), "");
        } catch (IOException e) {
            // The pod's network namespace went with the pod, or the table was never there: nothing to undo.
        }
    }

    String netns(String pod, JsonNode spec) {
        String named = spec == null || !trustNetnsAnnotation ? "" : spec.path("netns").asText("");
        return named.isEmpty() ? pod.replace('/', '_') : named;
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
