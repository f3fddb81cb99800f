package io.policyledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Base64;

/**
 * The key that signs checkpoints of the event log's hash chain: the server's own signing key (instances
 * on one database share it already), or, where tokens come from an external issuer and the server has
 * none, one of its own in the data directory. Only its public half leaves the server, so an auditor can
 * check checkpoints offline and nobody with only database access can forge one.
 */
public final class AuditKey {

    public static final String ALGORITHM = "SHA256withRSA";

    private final RSAKey key;

    AuditKey(RSAKey key) {
        this.key = key;
    }

    /** The key as the server keeps it (a JWK file): for checking the log where the server does not run. */
    public static AuditKey fromFile(Path jwk) throws IOException {
        try {
            return new AuditKey(RSAKey.parse(Files.readString(jwk, StandardCharsets.UTF_8)));
        } catch (ParseException e) {
            throw new IOException(jwk + " is not a key the server wrote", e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key.toRSAPrivateKey());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    public boolean verify(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the audit key has no public half", e);
        }
    }

    /** The public key as PEM (SubjectPublicKeyInfo), for {@code openssl dgst -verify}. */
    public String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(publicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
