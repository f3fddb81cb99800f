package io.policyledger.core.token;

import io.policyledger.core.access.Role;
import io.policyledger.core.object.Kind;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectKey;
import io.policyledger.core.validation.NameValidation;
import io.policyledger.core.validation.Violations;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Registers a credential: its id (the JWT's {@code jti}), what it may do and until when. The signed token
 * itself is never stored; the registration is what makes it valid, and revoking it ends it.
 *
 * @param tenant the tenant it is bound to (tenant roles), or the tenant it was minted under (agents); null
 *               for platform admins
 * @param node   the node of an agent, else null
 */
public record IssueToken(String id, String role, String tenant, String subject, String node, Instant expiresAt)
        implements ObjectCommand {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9@._:-]{1,128}");
    private static final List<String> ROLES = List.of(
            Role.PLATFORM_ADMIN.wireName(),
            Role.TENANT_ADMIN.wireName(),
            Role.TENANT_VIEWER.wireName(),
            Role.AGENT.wireName(),
            Role.METRICS.wireName());

    public IssueToken {
        Violations v = new Violations();
        if (id == null || !NameValidation.dns1123Label(id).isEmpty()) {
            v.invalid("metadata.name", id, "a token id is a DNS-1123 label");
        }
        Role parsed = Role.fromWire(role).orElse(null);
        if (parsed == null) {
            v.notSupported("spec.role", role, ROLES);
        } else if (parsed.tenantScoped() && (tenant == null || tenant.isEmpty())) {
            v.required("spec.tenant", "a " + role + " token belongs to a tenant");
        }
        if (tenant != null && !tenant.isEmpty()) {
            for (String problem : NameValidation.dns1123Label(tenant)) {
                v.invalid("spec.tenant", tenant, problem);
            }
        }
        if (parsed == Role.AGENT) {
            if (node == null || node.isEmpty()) {
                v.required("spec.node", "an agent token is bound to a node");
            } else {
                for (String problem : NameValidation.dns1123Subdomain(node)) {
                    v.invalid("spec.node", node, problem);
                }
            }
        } else if (node != null && !node.isEmpty()) {
            v.forbidden("spec.node", "only agent tokens are bound to a node");
        }
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            v.invalid("spec.subject", subject, "1 to 128 characters of letters, digits and @._:-");
        }
        if (expiresAt == null) {
            v.required("spec.expirationTimestamp", "");
        }
        v.throwIfAny(Kind.TOKEN, id);
        tenant = tenant == null || tenant.isEmpty() ? null : tenant;
        node = node == null || node.isEmpty() ? null : node;
    }

    @Override
    public boolean isCreation() {
        return true;
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.token(id);
    }
}
