package io.policyledger.command;

import io.policyledger.core.access.Caller;
import io.policyledger.core.access.CommandAuthorization;
import io.policyledger.core.object.ObjectCommand;
import io.policyledger.core.object.ObjectConflictException;
import io.policyledger.core.object.ObjectNotFoundException;

/**
 * What every change or deletion of an existing object checks first, the same way for every kind, in
 * an order that leaks nothing: an object the caller may not see is "not found" before anything else
 * about it (its uid, its version) is compared.
 */
public final class ChangePreconditions {

    private ChangePreconditions() {}

    /**
     * @param exists      whether the object currently exists (it may have been deleted)
     * @param ownerTenant the tenant owning the object (null for cluster-scoped objects)
     * @param uid         its current uid
     * @param version     the sequence number of its last event
     */
    public static void check(
            ObjectCommand command, Caller caller, boolean exists, String ownerTenant, String uid, long version) {
        if (!exists) {
            throw new ObjectNotFoundException(command.key());
        }
        CommandAuthorization.requireTenant(caller, command.key(), ownerTenant);
        CommandAuthorization.requireMayWrite(caller, command.key());
        if (command.expectedUid() != null && !command.expectedUid().equals(uid)) {
            throw ObjectConflictException.uidMismatch(command.key(), command.expectedUid(), uid);
        }
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw ObjectConflictException.staleVersion(command.key());
        }
    }
}
