package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListMeta(
        String resourceVersion, @JsonProperty("continue") String continueToken) {}
