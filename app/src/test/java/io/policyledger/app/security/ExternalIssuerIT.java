package io.policyledger.app.security;

import static io.policyledger.app.testing.Bodies.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.policyledger.app.testing.ApiClient;
import io.policyledger.app.testing.RunningApp;
import io.policyledger.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With an external issuer configured, the server trusts that issuer's tokens, and only those whose
 * issuer and audience are the configured ones; it mints none of its own.
 */
class ExternalIssuerIT {

    private static final String ISSUER = "https://idp.example";
    private static final String AUDIENCE = "policy-ledger";

    private static HttpServer jwks;
    private static RSAKey idpKey;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] keys = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        app = RunningApp.startBare(
                TestDatabase.createDatabase(),
                "--policy-ledger.security.jwk-set-uri=http://127.0.0.1:"
                        + jwks.getAddress().getPort() + "/jwks.json",
                "--policy-ledger.security.external-issuer=" + ISSUER,
                "--policy-ledger.security.external-audience=" + AUDIENCE,
                "--policy-ledger.security.external-platform-admin=true");
    }

    @AfterAll
    static void stop() {
        app.close();
        jwks.stop(0);
    }

    @Test
    void theIssuersTokensAreTrustedWithTheirRolesAndTenants() throws Exception {
        ApiClient platform = app.api().as(token(idpKey, ISSUER, AUDIENCE, "platform-admin", null, "root"));
        assertThat(platform.post("/apis/policyledger.io/v1/tenants", tenant("ext-a"))
                        .status())
                .isEqualTo(201);
        assertThat(platform.post("/apis/policyledger.io/v1/tenants", tenant("ext-b"))
                        .status())
                .isEqualTo(201);
        ApiClient alice = app.api().as(token(idpKey, ISSUER, AUDIENCE, "tenant-admin", "ext-a", "alice"));
        ApiClient bob = app.api().as(token(idpKey, ISSUER, AUDIENCE, "tenant-admin", "ext-b", "bob"));

        assertThat(alice.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"alice-ns\"}}")
                        .status())
                .isEqualTo(201);
        assertThat(bob.get("/api/v1/namespaces/alice-ns").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/namespaces/alice-ns").text("/metadata/labels/policyledger.io~1tenant"))
                .isEqualTo("ext-a");
        assertThat(platform.post("/apis/policyledger.io/v1/tokens", "{\"spec\":{\"role\":\"agent\",\"node\":\"n1\"}}")
                        .text("/message"))
                .contains("external token issuer");
    }

    @Test
    void tokensOfAnotherIssuerAudienceOrKeyAreRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        List<String> refused = List.of(
                token(idpKey, "https://other.example", AUDIENCE, "tenant-viewer", "ext-a", "eve"),
                token(idpKey, ISSUER, "someone-else", "tenant-viewer", "ext-a", "eve"),
                token(idpKey, ISSUER, null, "tenant-viewer", "ext-a", "eve"),
                token(stranger, ISSUER, AUDIENCE, "platform-admin", null, "eve"),
                token(idpKey, ISSUER, AUDIENCE, "no-such-role", "ext-a", "eve"));

        for (String token : refused) {
            ApiClient.Response r = app.api().as(token).get("/api/v1/namespaces");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.text("/kind")).isEqualTo("Status");
        }
    }

    private static String token(
            RSAKey key, String issuer, String audience, String role, String tenantName, String subject)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("role", role)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        if (audience != null) {
            claims.audience(audience);
        }
        if (tenantName != null) {
            claims.claim("tenant", tenantName);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
