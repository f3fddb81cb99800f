package io.policyledger.app.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** Small JSON bodies the tests send, written the way a user would write them. */
public final class Bodies {

    private Bodies() {}

    /** The tenant that {@link #namespace} puts namespaces in when a platform admin creates them. */
    public static final String DEFAULT_TENANT = "tenant-a";

    public static String tenant(String name) {
        return "{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"Tenant\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    /** A namespace of {@link #DEFAULT_TENANT} (named by label, as a platform admin does). */
    public static String namespace(String name, String labelsJson) {
        return namespaceOf(DEFAULT_TENANT, name, labelsJson);
    }

    public static String namespaceOf(String tenant, String name, String labelsJson) {
        String labels = labelsJson.equals("{}")
                ? "{\"policyledger.io/tenant\":\"" + tenant + "\"}"
                : labelsJson.substring(0, labelsJson.length() - 1) + ",\"policyledger.io/tenant\":\"" + tenant + "\"}";
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + labels + "}}";
    }

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    /**
     * An address no other pod of this test run has: the server refuses to register one address to two
     * pods, so tests that do not care which address a pod has take a fresh one.
     */
    public static String uniqueIp() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return "10.64." + (n / 250) + "." + (n % 250 + 1);
    }

    /** A pod on node-1 with a fresh address (see {@link #uniqueIp}). */
    public static String pod(String name, String labelsJson) {
        return pod(name, labelsJson, uniqueIp());
    }

    public static String pod(String name, String labelsJson, String ip) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + labelsJson
                + "},\"spec\":{\"nodeName\":\"node-1\",\"containers\":[{\"name\":\"main\",\"image\":\"nginx\","
                + "\"ports\":[{\"name\":\"http\",\"containerPort\":80}]}]},\"status\":{\"podIP\":\"" + ip + "\"}}";
    }

    public static String denyAllIngress(String name) {
        return "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"podSelector\":{},\"policyTypes\":[\"Ingress\"]}}";
    }

    public static String allowFrom(String name, String podLabel) {
        return "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}},\"ingress\":[{\"from\":"
                + "[{\"podSelector\":{\"matchLabels\":{\"app\":\"" + podLabel
                + "\"}}}],\"ports\":[{\"port\":\"http\"}]}]}}";
    }
}
