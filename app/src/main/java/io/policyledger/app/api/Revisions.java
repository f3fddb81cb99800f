package io.policyledger.app.api;

/** Query parameters that are non-negative integers (revisions, limits, seconds): one parser, one error. */
public final class Revisions {

    private Revisions() {}

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
