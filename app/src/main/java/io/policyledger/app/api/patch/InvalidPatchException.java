package io.policyledger.app.api.patch;

/** A patch that cannot be applied as written: the request is answered 400 (or 422 for a failed test op). */
public class InvalidPatchException extends RuntimeException {

    private final int code;

    public InvalidPatchException(String message) {
        this(message, 400);
    }

    public InvalidPatchException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** 400 for a malformed patch, 422 for one that cannot be applied to the object as it is. */
    public int code() {
        return code;
    }
}
