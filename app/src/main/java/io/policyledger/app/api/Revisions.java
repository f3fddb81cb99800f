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

    /**
     * A page size: {@code fallback} when absent or empty, else a whole number clamped to 1..{@code max}
     * (0 or less shows one entry, as these lists always did); anything else is a 400.
     */
    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return (int) Math.max(1, Math.min(Long.parseLong(value), max));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid limit \"" + value + "\": must be an integer");
        }
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
