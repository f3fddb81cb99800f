package io.policyledger.app.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Kubernetes status condition ({@code metav1.Condition}): {@code status} is True, False or Unknown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String type, String status, Long observedGeneration, String reason, String message) {}
