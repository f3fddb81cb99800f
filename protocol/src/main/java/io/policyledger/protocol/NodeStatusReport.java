package io.policyledger.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an agent reports for its node ({@code PUT …/nodes/{node}/status}): the revision whose rules it
 * enforces (a BOOKMARK's resourceVersion), and what went wrong if something did.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStatusReport(Status status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(long enforcedRevision, String message) {}

    public static NodeStatusReport of(long enforcedRevision, String message) {
        return new NodeStatusReport(new Status(enforcedRevision, message));
    }
}
