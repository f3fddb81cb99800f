package io.policyledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that verifies a token's signature once and remembers the result for a while,
 * keyed by the SHA-256 of the token (the cache holds no bearer secret). Parsing and verifying an RS256
 * token costs more than the rest of a typical request; a client presents the same token on every request.
 *
 * <p>Only the signature check is remembered. The claim validators (expiry, issuer, and for the server's
 * own tokens the registry: revoked? tenant deleted?) run again on every use, so a revocation still ends a
 * token at once on every instance. A token that fails them is forgotten.
 */
final class VerifiedTokenCache implements JwtDecoder {

    /** Beyond this many distinct tokens the cache is emptied (a flood of new tokens costs only their verification). */
    static final int MAX_ENTRIES = 50_000;

    private record Verified(Jwt jwt, Instant until) {}

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Clock clock;
    private final Duration remember;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier  decodes and checks signature and claims (the validators included)
     * @param validator the claim validators, run again on every use of a remembered token
     * @param remember  how long a verified signature is remembered
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Clock clock, Duration remember) {
        this.verifier = verifier;
        this.validator = validator;
        this.clock = clock;
        this.remember = remember;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = sha256(token);
        Verified known = verified.get(key);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            OAuth2TokenValidatorResult result = validator.validate(known.jwt());
            if (result.hasErrors()) {
                verified.remove(key);
                throw new JwtValidationException("the token is no longer valid", result.getErrors());
            }
            return known.jwt();
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, new Verified(jwt, now.plus(remember)));
        return jwt;
    }

    int size() {
        return verified.size();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
