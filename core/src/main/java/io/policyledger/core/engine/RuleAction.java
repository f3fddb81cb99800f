package io.policyledger.core.engine;

/**
 * What a matching rule does with a connection: admit it, refuse it, or leave it to the next tier
 * (Pass: from the Admin tier to NetworkPolicies, from the Baseline tier to the default).
 */
public enum RuleAction {
    ACCEPT("Accept"),
    DENY("Deny"),
    PASS("Pass");

    private final String apiName;

    RuleAction(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static RuleAction ofApiName(String name) {
        for (RuleAction a : values()) {
            if (a.apiName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action " + name);
    }
}
