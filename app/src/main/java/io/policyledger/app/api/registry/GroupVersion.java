package io.policyledger.app.api.registry;

/** An API group and version: {@code ("", "v1")} is the core group at {@code /api/v1}. */
public record GroupVersion(String group, String version) {

    public static final GroupVersion CORE_V1 = new GroupVersion("", "v1");

    /** As written in {@code apiVersion}: {@code v1} or {@code networking.k8s.io/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Where its resources are served: {@code /api/v1} or {@code /apis/networking.k8s.io/v1}. */
    public String path() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
}
