package io.policyledger.app.security;

import java.util.function.BooleanSupplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * For requests that outlive their authentication (watches): whether the credential that opened them is
 * still good, checked exactly as a new request's would be (signature, expiry, and for the server's own
 * tokens the registry: revocation, the tenant's deletion). A watch asks at every round, so revoking an
 * agent's token ends its stream within a bookmark interval.
 */
@Component
public class CredentialRecheck {

    private final JwtDecoder decoder;

    CredentialRecheck(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** A check of the current request's credential, usable after the request's thread has moved on. */
    public BooleanSupplier ofCurrentRequest() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof CallerAuthentication caller)) {
            throw new IllegalStateException("no authenticated caller for this request");
        }
        String presented = caller.token().getTokenValue();
        return () -> {
            try {
                decoder.decode(presented);
                return true;
            } catch (JwtException e) {
                return false;
            }
        };
    }
}
