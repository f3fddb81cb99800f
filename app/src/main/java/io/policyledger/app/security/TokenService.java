package io.policyledger.app.security;

import io.policyledger.app.UidGenerator;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.wire.ObjectMeta;
import io.policyledger.app.api.wire.TokenObject;
import io.policyledger.command.token.TokenRegistry;
import io.policyledger.command.token.TokenRegistry.IssuedToken;
import io.policyledger.command.write.Attribution;
import io.policyledger.command.write.ObjectWriter;
import io.policyledger.core.access.Role;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.object.ObjectNotFoundException;
import io.policyledger.core.token.IssueToken;
import io.policyledger.core.token.RevokeToken;
import io.policyledger.core.token.TokenIssued;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Issues, lists and revokes credentials. Issuing registers the credential (an event, and a registry
 * row in the same transaction) and then signs its token; the token is shown once and never stored.
 */
@Component
public class TokenService {

    static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);

    private final ObjectWriter writer;
    private final TokenRegistry registry;
    private final TokenMinter minter;
    private final UidGenerator uids;
    private final Clock clock;
    private final SecurityProperties security;

    TokenService(
            ObjectWriter writer,
            TokenRegistry registry,
            TokenMinter minter,
            UidGenerator uids,
            Clock clock,
            SecurityProperties security) {
        this.writer = writer;
        this.registry = registry;
        this.minter = minter;
        this.uids = uids;
        this.clock = clock;
        this.security = security;
    }

    /** A credential for a tenant's role (tenant-admin, tenant-viewer) or for an agent, minted under a tenant. */
    public TokenObject issue(String tenant, TokenObject.Spec spec, Attribution who) {
        if (!minter.canMint()) {
            throw ApiException.badRequest("this server trusts an external token issuer; it mints no tokens");
        }
        if (spec == null || spec.role() == null) {
            throw ApiException.badRequest("spec.role is required: tenant-admin, tenant-viewer or agent");
        }
        if (Role.PLATFORM_ADMIN.wireName().equals(spec.role())
                || Role.METRICS.wireName().equals(spec.role())) {
            throw ApiException.badRequest(spec.role() + " credentials are not minted under a tenant");
        }
        if (spec.tenant() != null && !spec.tenant().equals(tenant)) {
            throw ApiException.badRequest("spec.tenant is set from the URL (" + tenant + ")");
        }
        Duration validity = validity(spec);
        String subject = spec.subject() == null ? spec.role() + "@" + tenant : spec.subject();
        return show(register(spec.role(), tenant, subject, spec.node(), validity, who), true);
    }

    /**
     * A credential bound to no tenant: a platform admin's, an agent's (agents serve every tenant with
     * pods on their node), or a metrics scraper's.
     */
    public TokenObject issueClusterWide(TokenObject.Spec spec, Attribution who) {
        if (!minter.canMint()) {
            throw ApiException.badRequest("this server trusts an external token issuer; it mints no tokens");
        }
        if (spec == null
                || !(Role.PLATFORM_ADMIN.wireName().equals(spec.role())
                        || Role.AGENT.wireName().equals(spec.role())
                        || Role.METRICS.wireName().equals(spec.role()))) {
            throw ApiException.badRequest("spec.role must be platform-admin, agent or metrics here; tenant roles are "
                    + "minted under their tenant");
        }
        if (spec.tenant() != null) {
            throw ApiException.badRequest("spec.tenant must be empty here; tenant roles are minted under their tenant");
        }
        Duration validity = validity(spec);
        String subject =
                spec.subject() == null ? spec.role() + (spec.node() == null ? "" : "@" + spec.node()) : spec.subject();
        return show(register(spec.role(), null, subject, spec.node(), validity, who), true);
    }

    /**
     * The platform-admin credential the server makes for itself (first start, or when the kubeconfig's
     * credential no longer works). Earlier ones are left alone: several instances, each with its own data
     * dir, each make one, and revoking the others' would lock them out. Rotating is an explicit
     * {@code DELETE /apis/policyledger.io/v1/tokens/{id}} of the old one.
     */
    String issuePlatformAdmin(String subject, Duration validity, Attribution who) {
        return minter.sign(toIssued(register(Role.PLATFORM_ADMIN.wireName(), null, subject, null, validity, who)));
    }

    public List<TokenObject> listAll() {
        return registry.all().stream().map(t -> show(t, false)).toList();
    }

    public TokenObject getAny(String id) {
        return show(registry.find(id).orElseThrow(() -> new ObjectNotFoundException(ObjectKey.token(id))), false);
    }

    public void revokeAny(String id, Attribution who) {
        registry.find(id).orElseThrow(() -> new ObjectNotFoundException(ObjectKey.token(id)));
        writer.submit(new RevokeToken(id, null), who);
    }

    public List<TokenObject> list(String tenant) {
        return registry.ofTenant(tenant).stream().map(t -> show(t, false)).toList();
    }

    public TokenObject get(String tenant, String id) {
        return show(find(tenant, id), false);
    }

    public void revoke(String tenant, String id, Attribution who) {
        find(tenant, id);
        writer.submit(new RevokeToken(id, tenant), who);
    }

    private Duration validity(TokenObject.Spec spec) {
        Duration validity =
                spec.expirationSeconds() == null ? DEFAULT_VALIDITY : Duration.ofSeconds(spec.expirationSeconds());
        if (validity.isNegative() || validity.isZero() || validity.compareTo(security.maxTokenValidity()) > 0) {
            throw ApiException.badRequest("spec.expirationSeconds must be between 1 and "
                    + security.maxTokenValidity().toSeconds());
        }
        return validity;
    }

    private IssuedToken register(
            String role, String tenant, String subject, String node, Duration validity, Attribution who) {
        String id = uids.next();
        Instant expires = clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        writer.submit(new IssueToken(id, role, tenant, subject, node, expires), who);
        return registry.find(id).orElseThrow(() -> new IllegalStateException("token " + id + " was not registered"));
    }

    private IssuedToken find(String tenant, String id) {
        return registry.find(id)
                .filter(t -> Objects.equals(t.tenant(), tenant))
                .orElseThrow(() -> new ObjectNotFoundException(ObjectKey.token(id)));
    }

    private TokenObject show(IssuedToken t, boolean withToken) {
        ObjectMeta meta = new ObjectMeta(t.id(), null, null, t.id(), null, null, time(t.issuedAt()), null, null, null);
        return new TokenObject(
                "policyledger.io/v1",
                "Token",
                meta,
                new TokenObject.Spec(t.role(), t.subject(), t.node(), null, t.tenant()),
                new TokenObject.Status(
                        withToken ? minter.sign(toIssued(t)) : null,
                        time(t.expiresAt()),
                        t.revokedAt() == null ? null : time(t.revokedAt())));
    }

    private static TokenIssued toIssued(IssuedToken t) {
        return new TokenIssued(t.id(), t.role(), t.tenant(), t.subject(), t.node(), t.issuedAt(), t.expiresAt());
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
