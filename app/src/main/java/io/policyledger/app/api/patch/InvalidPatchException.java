package io.policyledger.app.api.patch;

/** A patch that cannot be applied as written: the request is answered 400 (or 422 for a failed test op). */
public class InvalidPatchException extends RuntimeException {

    public InvalidPatchException(String message) {
        super(message);
    }
}
