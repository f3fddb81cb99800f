package io.policyledger.command.token;

import io.policyledger.core.token.TokenIssued;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every credential the server issued, written in the command's transaction. A bearer token is only
 * accepted while its entry is live, so a revocation stored by any instance ends the token on all
 * instances at once.
 */
public interface TokenRegistry {

    void register(TokenIssued token);

    void revoke(String id, Instant at);

    Optional<IssuedToken> find(String id);

    /** Live and revoked tokens of a tenant, newest first. */
    List<IssuedToken> ofTenant(String tenant);

    /**
     * Whether a token with this id may be used at {@code now}: registered, not revoked, not expired,
     * and (for tenant roles) its tenant still exists.
     */
    boolean isLive(String id, Instant now);

    record IssuedToken(String id, String role, String tenant, String subject, String node, Instant issuedAt,
                       Instant expiresAt, Instant revokedAt) {
    }
}
