package io.policyledger.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes each pod's ruleset to {@code DIR/<namespace>_<pod>.nft} instead of programming it. */
final class DryRunDataplane implements Dataplane {

    private final Path dir;

    DryRunDataplane(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void apply(String pod, JsonNode spec, String ruleset) throws IOException {
        Path file = file(pod);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, ruleset);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void remove(String pod, JsonNode lastSpec) throws IOException {
        Files.deleteIfExists(file(pod));
    }

    Path file(String pod) {
        return dir.resolve(pod.replace('/', '_') + ".nft");
    }
}
