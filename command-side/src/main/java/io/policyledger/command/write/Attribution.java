package io.policyledger.command.write;

import java.util.Objects;

/** Who is asking for a change: recorded on every event the change produces. */
public record Attribution(String actor, String requestId, String source) {

    public Attribution {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        source = source == null ? "" : source;
    }
}
