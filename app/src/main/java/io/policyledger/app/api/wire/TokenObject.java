package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A policyledger.io/v1 Token: a credential for one role. Shaped after Kubernetes' TokenRequest: the
 * request names the role and lifetime in {@code spec}; {@code status.token} holds the bearer token,
 * shown once, in the answer to the creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec, Status status) {

    /**
     * @param role              tenant-admin, tenant-viewer or agent
     * @param subject           who the credential is for, recorded on every event it causes
     * @param node              for an agent: its node
     * @param expirationSeconds lifetime (default one day)
     * @param tenant            set by the server from the URL
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String role, String subject, String node, Long expirationSeconds, String tenant) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String token, String expirationTimestamp, String revocationTimestamp) {}
}
