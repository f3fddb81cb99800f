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
