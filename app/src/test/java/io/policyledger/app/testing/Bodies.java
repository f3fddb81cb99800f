package io.policyledger.app.testing;

/** Small JSON bodies the tests send, written the way a user would write them. */
public final class Bodies {

    private Bodies() {
    }

    public static String namespace(String name, String labelsJson) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + labelsJson + "}}";
    }

    public static String pod(String name, String labelsJson, String ip) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labelsJson
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
                + "[{\"podSelector\":{\"matchLabels\":{\"app\":\"" + podLabel + "\"}}}],\"ports\":[{\"port\":\"http\"}]}]}}";
    }
}
