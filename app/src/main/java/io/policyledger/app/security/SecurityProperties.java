package io.policyledger.app.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param signingKeyFile      the server's token signing key (RSA, JWK JSON, mode 0600); created on first
 *                            start; instances sharing a database must share this file. Default:
 *                            {@code <data-dir>/jwt-signing-key.json}
 * @param jwkSetUri           trust an external issuer's keys instead (tokens then carry the same claims:
 *                            role, tenant, node); the server then mints no tokens of its own
 * @param externalIssuer      with jwkSetUri: the {@code iss} its tokens must carry (required)
 * @param externalAudience    with jwkSetUri: an {@code aud} its tokens must carry (recommended when the
 *                            issuer serves other applications too)
 * @param externalPlatformAdmin with jwkSetUri: whether its tokens may carry the platform-admin role (off:
 *                            platform administration then needs this server's own credentials)
 * @param issuer              the {@code iss} of the server's tokens
 * @param adminTokenValidity  lifetime of the platform-admin token written to admin.kubeconfig
 * @param maxTokenValidity    the longest lifetime a minted token may ask for
 * @param writesPerSecond     sustained writes per credential (429 beyond, with Retry-After)
 * @param writeBurst          writes a credential may make at once before the rate applies
 * @param checksPerSecond     sustained connectivity checks per credential: reads, with a budget of their own
 * @param checkBurst          connectivity checks a credential may ask at once before that rate applies
 */
@ConfigurationProperties("policy-ledger.security")
public record SecurityProperties(
        Path signingKeyFile,
        String jwkSetUri,
        String externalIssuer,
        String externalAudience,
        Boolean externalPlatformAdmin,
        String issuer,
        Duration adminTokenValidity,
        Duration maxTokenValidity,
        Double writesPerSecond,
        Integer writeBurst,
        Double checksPerSecond,
        Integer checkBurst) {

    public SecurityProperties {
        issuer = issuer == null || issuer.isBlank() ? "policy-ledger" : issuer;
        adminTokenValidity = adminTokenValidity == null ? Duration.ofDays(365) : adminTokenValidity;
        maxTokenValidity = maxTokenValidity == null ? Duration.ofDays(365) : maxTokenValidity;
        writesPerSecond = writesPerSecond == null ? 50.0 : writesPerSecond;
        writeBurst = writeBurst == null ? 100 : writeBurst;
        checksPerSecond = checksPerSecond == null ? 1000.0 : checksPerSecond;
        checkBurst = checkBurst == null ? 2000 : checkBurst;
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? null : jwkSetUri;
        externalPlatformAdmin = externalPlatformAdmin != null && externalPlatformAdmin;
        if (jwkSetUri != null && (externalIssuer == null || externalIssuer.isBlank())) {
            throw new IllegalArgumentException("policy-ledger.security.external-issuer is required with "
                    + "policy-ledger.security.jwk-set-uri: tokens of any other issuer using those keys must not pass");
        }
    }
}
