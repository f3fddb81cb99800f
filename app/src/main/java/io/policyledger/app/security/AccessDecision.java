package io.policyledger.app.security;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * An authorization decision that also says how a denial is answered: 403 Forbidden, or 404 NotFound
 * where even the existence of what was asked for belongs to another tenant.
 */
public final class AccessDecision extends AuthorizationDecision {

    private static final AccessDecision ALLOWED = new AccessDecision(true, 200, null, null);

    private final int status;
    private final String reason;
    private final String message;

    private AccessDecision(boolean granted, int status, String reason, String message) {
        super(granted);
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    public static AccessDecision allow() {
        return ALLOWED;
    }

    public static AccessDecision forbidden(String message) {
        return new AccessDecision(false, 403, "Forbidden", message);
    }

    public static AccessDecision notFound(String message) {
        return new AccessDecision(false, 404, "NotFound", message);
    }

    public static AccessDecision methodNotAllowed(String message) {
        return new AccessDecision(false, 405, "MethodNotAllowed", message);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }
}
