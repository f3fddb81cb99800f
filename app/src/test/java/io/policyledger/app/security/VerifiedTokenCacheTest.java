package io.policyledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final OAuth2TokenValidator<Jwt> registry = jwt -> live.get()
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null));
    private final JwtDecoder verifier = token -> {
        signatureChecks.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        if (registry.validate(null).hasErrors()) {
            throw new JwtValidationException("revoked", registry.validate(null).getErrors());
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(Instant.EPOCH)
                .build();
    };
    private Instant now = Instant.parse("2026-12-06T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, registry, clock, Duration.ofMinutes(5));

    @Test
    void aTokenSignatureIsVerifiedOnceWhileItIsRemembered() {
        assertThat(cache.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(cache.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(cache.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(signatureChecks).hasValue(1);

        now = now.plus(Duration.ofMinutes(6));
        cache.decode("good-1");
        assertThat(signatureChecks).as("verified again once the memory expired").hasValue(2);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceEvenThoughItsSignatureWasRemembered() {
        cache.decode("good-2");
        live.set(false);

        assertThatThrownBy(() -> cache.decode("good-2")).isInstanceOf(JwtValidationException.class);
        assertThat(cache.size()).as("a refused token is forgotten").isZero();
        assertThatThrownBy(() -> cache.decode("good-2")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
        assertThat(cache.size()).isZero();
    }
}
