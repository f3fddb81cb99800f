package io.policyledger.app.api;

/**
 * Parameters that are non-negative integers (revisions, resourceVersions, limits, seconds): the one parser
 * of them, with the one error.
 */
public final class Revisions {

    private Revisions() {}

    /** The value, or null when absent or empty. */
    public static Long parseOptional(String value, String name) {
        return value == null || value.isEmpty() ? null : parse(value, name);
    }

    /** A count that must be at least 1, such as a limit. */
    public static long parsePositive(String value, String name) {
        long parsed = parse(value, name);
        if (parsed < 1) {
            throw ApiException.badRequest("invalid " + name + " \"" + value + "\": must be a positive integer");
        }
        return parsed;
    }

    public static long parse(String value, String name) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + " \"" + value + "\": must be a non-negative integer");
        }
    }
}
