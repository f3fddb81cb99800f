package io.policyledger.app.security;

import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads the {@link Caller} from a validated token's claims. A token whose role, tenant or node is
 * missing or malformed authenticates nobody (401): there is no default role.
 */
final class JwtCallerConverter implements Converter<Jwt, CallerAuthentication> {

    private final boolean platformAdminAllowed;

    /** @param platformAdminAllowed whether tokens of this issuer may carry the platform-admin role */
    JwtCallerConverter(boolean platformAdminAllowed) {
        this.platformAdminAllowed = platformAdminAllowed;
    }

    @Override
    public CallerAuthentication convert(Jwt jwt) {
        String subject = jwt.getSubject();
        Role role = Role.fromWire(jwt.getClaimAsString(TokenMinter.ROLE))
                .orElseThrow(() -> new InvalidBearerTokenException("the token carries no valid role"));
        if (role == Role.PLATFORM_ADMIN && !platformAdminAllowed) {
            throw new InvalidBearerTokenException("this issuer's tokens may not carry the platform-admin role");
        }
        if (subject == null || subject.isBlank()) {
            throw new InvalidBearerTokenException("the token carries no subject");
        }
        try {
            return new CallerAuthentication(
                    new Caller(
                            subject,
                            role,
                            jwt.getClaimAsString(TokenMinter.TENANT),
                            jwt.getClaimAsString(TokenMinter.NODE)),
                    jwt);
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("the token's claims do not fit its role: " + e.getMessage());
        }
    }
}
