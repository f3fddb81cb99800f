package io.policyledger.command.pod;

import java.util.List;

/**
 * Which pod holds each address, kept in the command's transaction: an address belongs to at most one
 * pod at a time.
 */
public interface PodAddresses {

    /**
     * The pod now holds exactly these addresses.
     *
     * @throws io.policyledger.core.object.ObjectConflictException if another pod holds one of them
     */
    void assign(String namespace, String name, List<String> addresses);

    void release(String namespace, String name);
}
