package io.policyledger.core.validation;

/**
 * Upper bounds on the size of what one object may hold. Kubernetes bounds most of these only by the
 * request size; here they are explicit so that no single object can make evaluation or storage
 * expensive, and a client that exceeds one is told which (422, FieldValueTooMany).
 */
public final class Limits {

    /** labels on one object */
    public static final int LABELS = 64;
    /** annotations on one object (their total size is also bounded, by 256 KiB) */
    public static final int ANNOTATIONS = 64;
    /** ingress rules, and egress rules, of one policy */
    public static final int RULES = 100;
    /** peers (from / to) of one rule */
    public static final int PEERS = 100;
    /** ports of one rule */
    public static final int PORTS = 100;
    /** except entries of one ipBlock */
    public static final int EXCEPT = 100;
    /** matchExpressions of one selector */
    public static final int SELECTOR_EXPRESSIONS = 32;
    /** values of one In / NotIn expression */
    public static final int SELECTOR_VALUES = 100;
    /** containers of one pod */
    public static final int CONTAINERS = 100;
    /** ports of one container */
    public static final int CONTAINER_PORTS = 100;
    /** protected label keys of the cluster */
    public static final int PROTECTED_LABEL_KEYS = 64;

    private Limits() {}

    /** Records a violation and answers false if {@code size} exceeds {@code max}. */
    public static boolean within(Violations v, String field, int size, int max) {
        if (size > max) {
            v.tooMany(field, size, max);
            return false;
        }
        return true;
    }
}
