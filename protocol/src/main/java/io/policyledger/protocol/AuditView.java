package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What auditors read: the trail of changes ({@code GET …/events}), the log's verification
 * ({@code GET …/audit/verify}), its signed checkpoints and the key that signs them.
 */
public final class AuditView {

    public static final String API_VERSION = NodeView.API_VERSION;

    private AuditView() {}

    /** A page of the trail ({@code kind: EventList}); {@code continue} is there when more follow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventList(String apiVersion, String kind, ListMetadata metadata, List<Event> items) {
        public static EventList of(long resourceVersion, String continueToken, List<Event> items) {
            return new EventList(
                    API_VERSION, "EventList", new ListMetadata(Long.toString(resourceVersion), continueToken), items);
        }
    }

    /** @param continueToken {@code continue} on the wire, as in Kubernetes lists (a Java keyword) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMetadata(
            String resourceVersion,
            @JsonProperty("continue") String continueToken) {}

    /**
     * One change: who made it, when, from which request, to which object, the event as stored
     * ({@code change}), and for a change to an existing object what differs from its previous version
     * ({@code diff}: one entry per JSON pointer whose value differs, with its value before and after).
     *
     * @param time   RFC 3339
     * @param change the event's payload, as stored (its shape is the event type's)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            long revision,
            String time,
            Actor actor,
            String requestId,
            String source,
            String type,
            ObjectName object,
            Object change,
            Object diff) {}

    /** @param tenant the caller's tenant, absent for a platform admin */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String subject, String role, String tenant) {}

    /** @param tenant the tenant the object belonged to (absent for a cluster-scoped one) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectName(String kind, String namespace, String name, String tenant) {}

    /** The log checked link by link and against every signed checkpoint ({@code kind: AuditVerification}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditVerification(String apiVersion, String kind, Verification status) {
        public static AuditVerification of(Verification status) {
            return new AuditVerification(API_VERSION, "AuditVerification", status);
        }
    }

    /**
     * @param revision             the log's head
     * @param link                 the head's link, hex
     * @param firstProblemRevision where the chain first breaks, absent when it does not
     * @param problemsTruncated    true when more problems were found than are listed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(
            boolean verified,
            long events,
            long revision,
            String link,
            long durationMillis,
            Long firstProblemRevision,
            List<Problem> problems,
            Boolean problemsTruncated,
            CheckpointCount checkpoints,
            String message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(long revision, String problem) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckpointCount(int total, int verified, List<Problem> failed) {}

    /** Signed checkpoints, newest first ({@code kind: CheckpointList}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckpointList(String apiVersion, String kind, List<Checkpoint> items) {
        public static CheckpointList of(List<Checkpoint> items) {
            return new CheckpointList(API_VERSION, "CheckpointList", items);
        }
    }

    /**
     * A signature over the link at {@code revision}: whoever holds the public key can check that the log
     * up to there is the one that was signed.
     *
     * @param link      hex
     * @param signature base64
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(
            long revision,
            String link,
            String algorithm,
            String keyId,
            String signature,
            String signedAt,
            String message) {}

    /** The key checkpoints are signed with ({@code kind: AuditPublicKey}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditPublicKey(String apiVersion, String kind, String algorithm, String keyId, String pem) {
        public static AuditPublicKey of(String algorithm, String keyId, String pem) {
            return new AuditPublicKey(API_VERSION, "AuditPublicKey", algorithm, keyId, pem);
        }
    }
}
