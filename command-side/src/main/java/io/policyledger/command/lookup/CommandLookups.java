package io.policyledger.command.lookup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * What the command side's lookup tables hold (occupancy, platform rules, pod addresses, issued
 * credentials): written in each command's transaction, and at the same time a function of the event log,
 * which is what lets a restore from the log alone rebuild them ({@link LookupsFromLog}).
 *
 * @param namespaces         namespace → its tenant and how many objects it holds
 * @param tenants            tenant → how many namespaces it owns
 * @param podAddresses       address → the pod holding it ({@code namespace/name})
 * @param tokens             token id → the credential
 */
public record CommandLookups(
        Map<String, Namespace> namespaces,
        Map<String, Long> tenants,
        Set<String> protectedLabelKeys,
        Set<String> reservedNamespaceNames,
        Map<String, String> podAddresses,
        Map<String, Token> tokens) {

    public record Namespace(String tenant, long objectCount) {}

    public record Token(
            String role,
            String tenant,
            String subject,
            String node,
            Instant issuedAt,
            Instant expiresAt,
            Instant revokedAt) {

        /**
         * The credential as a comparison should see it: the moment of a revocation is the command's clock
         * in the table and the event's in the log, a few microseconds apart, so whether it is revoked is
         * what counts; the table keeps microseconds of the other moments, the log more.
         */
        public Token comparable() {
            return new Token(
                    role,
                    tenant,
                    subject,
                    node,
                    issuedAt.truncatedTo(ChronoUnit.MILLIS),
                    expiresAt.truncatedTo(ChronoUnit.MILLIS),
                    revokedAt == null ? null : Instant.EPOCH);
        }
    }

    public boolean isEmpty() {
        return namespaces.isEmpty()
                && tenants.isEmpty()
                && protectedLabelKeys.isEmpty()
                && reservedNamespaceNames.isEmpty()
                && podAddresses.isEmpty()
                && tokens.isEmpty();
    }

    /** These lookups with revocation moments blurred (see {@link Token#comparable()}), for comparisons. */
    public CommandLookups comparable() {
        Map<String, Token> blurred = new java.util.TreeMap<>();
        tokens.forEach((id, t) -> blurred.put(id, t.comparable()));
        return new CommandLookups(
                namespaces, tenants, protectedLabelKeys, reservedNamespaceNames, podAddresses, blurred);
    }
}
