package io.policyledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class JwtCallerConverterTest {

    private static Jwt jwt(String role) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim("role", role)
                .claim("tenant", "a")
                .issuedAt(Instant.now())
                .build();
    }

    @Test
    void anIssuerNotTrustedWithThePlatformCannotGrantIt() {
        assertThatThrownBy(() -> new JwtCallerConverter(false).convert(jwt("platform-admin")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("platform-admin");
        assertThat(new JwtCallerConverter(false)
                        .convert(jwt("tenant-admin"))
                        .caller()
                        .tenant())
                .isEqualTo("a");
        assertThat(new JwtCallerConverter(true)
                        .convert(jwt("platform-admin"))
                        .caller()
                        .role()
                        .wireName())
                .isEqualTo("platform-admin");
    }
}
