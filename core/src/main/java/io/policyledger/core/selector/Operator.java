package io.policyledger.core.selector;

/** How a requirement relates a label key to its values. */
public enum Operator {
    /** key present and equal to the single value */
    EQUALS,
    /** key absent, or present with another value */
    NOT_EQUALS,
    IN,
    /** key absent, or present with a value outside the set */
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
}
