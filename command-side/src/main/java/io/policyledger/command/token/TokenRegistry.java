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

    /** Every token, newest first. */
    List<IssuedToken> all();

    /** Revokes every live token minted under the tenant (its deletion ends them; a new tenant of the name starts with none). */
    void revokeAllOfTenant(String tenant, Instant at);

    /**
     * The registration of a token that may be used at {@code now}: registered, not revoked, not
     * expired, and (for tenant roles) its tenant still exists; empty otherwise.
     */
    Optional<IssuedToken> live(String id, Instant now);

    record IssuedToken(
            String id,
            String role,
            String tenant,
            String subject,
            String node,
            Instant issuedAt,
            Instant expiresAt,
            Instant revokedAt) {}
}
