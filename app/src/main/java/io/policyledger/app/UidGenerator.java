package io.policyledger.app;

/** Mints the uid of each new object. */
@FunctionalInterface
public interface UidGenerator {

    String next();
}
