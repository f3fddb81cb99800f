package io.policyledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The server's RSA key for signing tokens, kept as a JWK in a file readable by its owner only. Made
 * on first start; a second instance starting at the same moment on a shared directory either wins (its
 * file is linked into place) or reads the winner's key.
 */
final class SigningKey {

    private SigningKey() {}

    static RSAKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the token signing key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a token signing key", e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".signing-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
        try {
            // A hard link, unlike a rename, fails if the file exists: exactly one instance's key wins.
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // Another instance sharing the directory made it first; its key is read by the caller.
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
