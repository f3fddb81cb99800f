package io.policyledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole output compared with its reviewed copy in the repository. After an intended change, run the test
 * with {@code -Dgolden.update=true}: the copies are rewritten, and the diff is what a reviewer reads.
 */
public final class GoldenFile {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFile() {}

    public static void assertMatches(Path file, String actual) {
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, actual);
                assertThat(UPDATE)
                        .as("golden file %s was missing: written, review and commit it", file)
                        .isTrue();
            }
            assertThat(actual)
                    .as("%s differs from the reviewed copy (regenerate with -Dgolden.update=true)", file)
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
