package io.policyledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Credentials for security tests: minted through the API as a user would, or forged as an attacker would. */
final class Credentials {

    private Credentials() {}

    /** Mints a token through the API (as the platform admin) and answers it. */
    static String mint(RunningApp app, String tenant, String role, String subject, String node) {
        String body = "{\"spec\":{\"role\":\"" + role + "\",\"subject\":\"" + subject + "\""
                + (node == null ? "" : ",\"node\":\"" + node + "\"") + "}}";
        ApiClient.Response r = app.api().post("/apis/policyledger.io/v1/tenants/" + tenant + "/tokens", body);
        if (r.status() != 201) {
            throw new IllegalStateException("cannot mint " + role + ": " + r);
        }
        return r.text("/status/token");
    }

    static String idOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with the server's own key and registered, but whose exp has passed. */
    static String expired(RunningApp app) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant past = Instant.now().minusSeconds(3600);
        app.jdbc()
                .update(
                        "INSERT INTO issued_token (token_id, role, subject, issued_at, expires_at) "
                                + "VALUES (?, 'platform-admin', 'expired', ?, ?)",
                        id,
                        Timestamp.from(past.minusSeconds(60)),
                        Timestamp.from(Instant.now().plusSeconds(3600)));
        return sign(serverKey(app), claims(id, "platform-admin", past));
    }

    /** A well-formed platform-admin token for a registered id, signed with a key the server never had. */
    static String signedWithAnotherKey(RunningApp app) throws Exception {
        String id = UUID.randomUUID().toString();
        app.jdbc()
                .update(
                        "INSERT INTO issued_token (token_id, role, subject, issued_at, expires_at) "
                                + "VALUES (?, 'platform-admin', 'forger', ?, ?)",
                        id,
                        Timestamp.from(Instant.now()),
                        Timestamp.from(Instant.now().plusSeconds(3600)));
        RSAKey other =
                new RSAKeyGenerator(2048).keyID(serverKey(app).getKeyID()).generate();
        return sign(other, claims(id, "platform-admin", Instant.now().plusSeconds(3600)));
    }

    /** An unsigned ({@code alg: none}) platform-admin token for the server's own admin credential. */
    static String algNone(RunningApp app) throws Exception {
        String id = idOf(app.adminToken());
        return new PlainJWT(claims(id, "platform-admin", Instant.now().plusSeconds(3600))).serialize();
    }

    private static RSAKey serverKey(RunningApp app) throws Exception {
        return RSAKey.parse(Files.readString(app.dataDir().resolve("jwt-signing-key.json")));
    }

    private static JWTClaimsSet claims(String id, String role, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("policy-ledger")
                .subject("attacker")
                .jwtID(id)
                .issueTime(Date.from(expires.minusSeconds(120)))
                .expirationTime(Date.from(expires))
                .claim("role", role)
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
