package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A v1 Namespace. {@code spec} and {@code status} are accepted for compatibility and not stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamespaceObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec, Status status) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(List<String> finalizers) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String phase) {}
}
