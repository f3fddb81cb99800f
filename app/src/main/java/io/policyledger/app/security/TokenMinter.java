package io.policyledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.policyledger.core.token.TokenIssued;
import java.util.Date;

/**
 * Signs the bearer token of a registered credential. The token says who (sub), what (role, tenant,
 * node), which credential (jti) and until when (exp); whether it is still live is the registry's call.
 */
final class TokenMinter {

    static final String ROLE = "role";
    static final String TENANT = "tenant";
    static final String NODE = "node";

    private final RSAKey key;
    private final String issuer;

    /** @param key the signing key, or null where an external issuer makes the tokens */
    TokenMinter(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    boolean canMint() {
        return key != null;
    }

    RSAKey key() {
        return key;
    }

    String sign(TokenIssued token) {
        if (key == null) {
            throw new IllegalStateException("this server trusts an external token issuer and mints no tokens");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(token.subject())
                .jwtID(token.id())
                .issueTime(Date.from(token.issuedAt()))
                .expirationTime(Date.from(token.expiresAt()))
                .claim(ROLE, token.role());
        if (token.tenant() != null) {
            claims.claim(TENANT, token.tenant());
        }
        if (token.node() != null) {
            claims.claim(NODE, token.node());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
