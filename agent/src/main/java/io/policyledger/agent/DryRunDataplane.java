package io.policyledger.agent;

import io.policyledger.protocol.PeerSetSpec;
import io.policyledger.protocol.PodRulesSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes each pod's ruleset to {@code DIR/<namespace>_<pod>.nft} instead of programming it. */
final class DryRunDataplane implements Dataplane {

    private final Path dir;

    DryRunDataplane(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void apply(String pod, PodRulesSpec spec, Map<String, PeerSetSpec> peerSets) throws IOException {
        Path file = file(pod);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, NftRuleset.render(pod, spec, peerSets));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String version() {
        return "nft/" + NftRuleset.VERSION;
    }

    @Override
    public void remove(String pod, PodRulesSpec lastSpec) throws IOException {
        Files.deleteIfExists(file(pod));
    }

    Path file(String pod) {
        return dir.resolve(pod.replace('/', '_') + ".nft");
    }
}
