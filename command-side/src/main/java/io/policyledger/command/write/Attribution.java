package io.policyledger.command.write;

import io.policyledger.core.access.Caller;
import java.util.Objects;

/** Who is asking for a change, through which request, from where: recorded on every event it produces. */
public record Attribution(Caller caller, String requestId, String source) {

    public Attribution {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(requestId, "requestId");
        source = source == null ? "" : source;
    }
}
