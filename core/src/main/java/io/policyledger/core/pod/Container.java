package io.policyledger.core.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The part of a container that matters to network policy: its name and ports (image is kept for the reader). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Container(String name, String image, List<ContainerPort> ports) {

    public Container {
        ports = ports == null ? null : List.copyOf(ports);
    }
}
