package io.policyledger.agent;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a pod's rendered rules go. */
interface Dataplane {

    /** Puts the pod's ruleset in place, replacing what was there; throws if it could not. */
    void apply(String pod, JsonNode spec, String ruleset) throws Exception;

    /** Takes the pod's ruleset away (the pod left the node); quiet if there is nothing to take. */
    void remove(String pod, JsonNode lastSpec) throws Exception;
}
