package io.policyledger.core.namespace;

import io.policyledger.core.validation.Violations;
import java.util.Map;

/**
 * The 2016 isolation model, read from a namespace's annotations: with isolation on, every pod of the
 * namespace is isolated for ingress and only policies of the namespace let traffic in.
 *
 * <ul>
 *   <li>{@code net.alpha.kubernetes.io/network-isolation: on|off} (default off), and</li>
 *   <li>its 1.3 beta form {@code net.beta.kubernetes.io/network-policy: {"ingress": {"isolation": "DefaultDeny"}}}.</li>
 * </ul>
 */
public final class NamespaceIsolation {

    public static final String ALPHA = "net.alpha.kubernetes.io/network-isolation";
    public static final String BETA = "net.beta.kubernetes.io/network-policy";

    private NamespaceIsolation() {}

    /** Whether the annotations (already validated) put the namespace's pods into ingress isolation. */
    public static boolean ingressDefaultDeny(Map<String, String> annotations) {
        return "on".equals(annotations.get(ALPHA)) || isDefaultDeny(annotations.get(BETA));
    }

    /** Refuses isolation annotations the server would not understand, rather than silently ignore them. */
    static void validate(Violations v, Map<String, String> annotations) {
        String alpha = annotations.get(ALPHA);
        if (alpha != null && !alpha.equals("on") && !alpha.equals("off")) {
            v.notSupported("metadata.annotations[" + ALPHA + "]", alpha, java.util.List.of("on", "off"));
        }
        String beta = annotations.get(BETA);
        if (beta != null && !isDefaultDeny(beta) && !isOpen(beta)) {
            v.invalid(
                    "metadata.annotations[" + BETA + "]",
                    beta,
                    "must be {\"ingress\": {\"isolation\": \"DefaultDeny\"}} (or {} for no isolation)");
        }
    }

    private static boolean isDefaultDeny(String json) {
        return json != null && compact(json).equals("{\"ingress\":{\"isolation\":\"DefaultDeny\"}}");
    }

    private static boolean isOpen(String json) {
        String c = compact(json);
        return c.equals("{}") || c.equals("{\"ingress\":{}}");
    }

    private static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
