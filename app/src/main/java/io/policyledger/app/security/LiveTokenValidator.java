package io.policyledger.app.security;

import io.policyledger.command.token.TokenRegistry;
import io.policyledger.core.access.Role;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A signature and an expiry are not enough: the server's own tokens are accepted only while their
 * registration is live. This is what makes a revocation (or a tenant's deletion) end a token at once,
 * on every instance, since they all read the same registry.
 */
final class LiveTokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NOT_LIVE = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_TOKEN, "the token was revoked, has expired, or is not known to this server", null);

    private final TokenRegistry registry;
    private final Clock clock;

    LiveTokenValidator(TokenRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The token's claims must also be what was registered: a forged or altered claim set gains nothing. */
    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String id = token.getId();
        Optional<TokenRegistry.IssuedToken> live;
        try {
            live = id == null ? Optional.empty() : registry.live(id, clock.instant());
        } catch (RuntimeException e) {
            if (io.policyledger.app.database.DatabaseUnavailable.causedBy(e)
                    && Role.METRICS.wireName().equals(token.getClaimAsString(TokenMinter.ROLE))) {
                // Metrics matter most during an outage: a metrics credential (which reads nothing else) is
                // taken on its signature and expiry until the registry can be read again.
                return OAuth2TokenValidatorResult.success();
            }
            // Not a verdict on the token: the request is refused as unavailable (DatabaseUnavailableFilter).
            throw new IllegalStateException("the token registry cannot be read", e);
        }
        if (live.isEmpty() || !matches(live.get(), token)) {
            return OAuth2TokenValidatorResult.failure(NOT_LIVE);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static boolean matches(TokenRegistry.IssuedToken registered, Jwt token) {
        return Objects.equals(registered.role(), token.getClaimAsString(TokenMinter.ROLE))
                && Objects.equals(registered.subject(), token.getSubject())
                && Objects.equals(registered.tenant(), token.getClaimAsString(TokenMinter.TENANT))
                && Objects.equals(registered.node(), token.getClaimAsString(TokenMinter.NODE));
    }
}
