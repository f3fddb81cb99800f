package io.policyledger.app.api;

import static io.policyledger.app.testing.Bodies.pod;
import static io.policyledger.app.testing.Bodies.uniqueIp;
import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the API makes of each kind's object, through HTTP: Kubernetes defaults for pods and network policies,
 * normalized addresses, generation bumped by spec changes only, status only through its subresource, and
 * one cause per bad field when a policy is invalid.
 */
class KindDefaultsIT extends OneAppPerClass {

    @Test
    void aPodWrittenInYamlIsStoredWithKubernetesDefaults() {
        createNamespace("yaml");
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-1
                  labels: {app: web}
                spec:
                  nodeName: node-1
                  containers:
                  - name: web
                    image: nginx
                    ports:
                    - {name: http, containerPort: 8080}
                status:
                  podIP: 2001:db8:0:0:0:0:0:7
                """;

        Response r = api.post("/api/v1/namespaces/yaml/pods", "application/yaml", yaml);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text("/metadata/namespace")).isEqualTo("yaml");
        assertThat(r.text("/spec/containers/0/ports/0/protocol")).isEqualTo("TCP");
        assertThat(r.text("/status/podIP")).isEqualTo("2001:db8::7");
        assertThat(r.text("/status/podIPs/0/ip")).isEqualTo("2001:db8::7");
        assertThat(r.json().at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void aPodInAMissingNamespaceIsNotFoundAndStoresNothing() {
        long events = app.eventCount();
        Response r = api.post("/api/v1/namespaces/missing/pods", pod("a", "{}"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("/message")).isEqualTo("namespaces \"missing\" not found");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void onlyASpecChangeBumpsAPodsGeneration() {
        createNamespace("gen");
        api.post("/api/v1/namespaces/gen/pods", pod("a", "{\"app\":\"web\"}"));

        Response relabeled = api.patch(
                "/api/v1/namespaces/gen/pods/a",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}");
        Response moved = api.patch(
                "/api/v1/namespaces/gen/pods/a",
                "application/merge-patch+json",
                "{\"spec\":{\"nodeName\":\"node-2\"}}");

        assertThat(relabeled.json().at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(moved.json().at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(moved.text("/spec/nodeName")).isEqualTo("node-2");
    }

    @Test
    void aNetworkPolicyIsStoredWithDefaultsAndNormalizedCidrs() {
        createNamespace("np");
        String body = """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"p"},
                 "spec":{"podSelector":{"matchLabels":{"app":"web"}},
                  "ingress":[{"from":[{"ipBlock":{"cidr":"10.1.2.3/16","except":["10.1.5.9/24"]}}],
                              "ports":[{"port":"http"},{"port":8000,"endPort":8080,"protocol":"UDP"}]}],
                  "egress":[{"to":[{"namespaceSelector":{}}]}]}}""";

        Response r = api.post(NP + "np/networkpolicies", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text("/apiVersion")).isEqualTo("networking.k8s.io/v1");
        assertThat(r.text("/spec/ingress/0/from/0/ipBlock/cidr")).isEqualTo("10.1.0.0/16");
        assertThat(r.text("/spec/ingress/0/from/0/ipBlock/except/0")).isEqualTo("10.1.5.0/24");
        assertThat(r.text("/spec/ingress/0/ports/0/protocol")).isEqualTo("TCP");
        assertThat(r.text("/spec/ingress/0/ports/0/port")).isEqualTo("http");
        assertThat(r.json().at("/spec/ingress/0/ports/1/port").isInt()).isTrue();
        assertThat(r.json().at("/spec/policyTypes")).hasToString("[\"Ingress\",\"Egress\"]");
    }

    @Test
    void anInvalidPolicyIsRefusedWithOneCausePerBadFieldAndStoresNothing() {
        createNamespace("invalid");
        long events = app.eventCount();
        String body = """
                {"metadata":{"name":"p","labels":{"bad key!":"v"}},
                 "spec":{"podSelector":{"matchExpressions":[{"key":"a","operator":"Near"}]},
                  "ingress":[{"ports":[{"port":0},{"port":80,"endPort":79},{"protocol":"ICMP"}],
                              "from":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["11.0.0.0/24"]}},{}]}],
                  "policyTypes":["Sideways"]}}""";

        Response r = api.post(NP + "invalid/networkpolicies", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("/reason")).isEqualTo("Invalid");
        assertThat(r.text("/details/kind")).isEqualTo("NetworkPolicy");
        assertThat(r.text("/details/group")).isEqualTo("networking.k8s.io");
        assertThat(r.text("/message")).startsWith("NetworkPolicy.networking.k8s.io \"p\" is invalid: [");
        List<String> fields = r.json().at("/details/causes").findValuesAsText("field");
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "metadata.labels",
                        "spec.podSelector.matchExpressions[0].operator",
                        "spec.ingress[0].ports[0].port",
                        "spec.ingress[0].ports[1].endPort",
                        "spec.ingress[0].ports[2].protocol",
                        "spec.ingress[0].from[0].ipBlock.except[0]",
                        "spec.ingress[0].from[1]",
                        "spec.policyTypes[0]");
        assertThat(r.json().at("/details/causes").findValuesAsText("reason"))
                .contains("FieldValueInvalid", "FieldValueNotSupported", "FieldValueRequired");
        assertThat(app.eventCount()).isEqualTo(events);
        assertThat(api.get(NP + "invalid/networkpolicies/p").status()).isEqualTo(404);
    }

    @Test
    void replacingAPodLeavesItsStatusAloneWhichChangesOnlyThroughTheStatusSubresource() {
        createNamespace("status");
        String born = uniqueIp();
        String movedTo = uniqueIp();
        api.post("/api/v1/namespaces/status/pods", pod("a", "{}", born));

        Response replaced = api.put(
                "/api/v1/namespaces/status/pods/a",
                "{\"metadata\":{\"name\":\"a\",\"labels\":"
                        + "{\"x\":\"y\"}},\"spec\":{\"containers\":[{\"name\":\"main\"}]},\"status\":{\"podIP\":\"10.9.9.9\"}}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.text("/status/podIP")).isEqualTo(born);

        Response moved = api.patch(
                "/api/v1/namespaces/status/pods/a/status",
                "application/merge-patch+json",
                "{\"status\":{\"podIP\":\"" + movedTo
                        + "\",\"podIPs\":null},\"metadata\":{\"labels\":{\"ignored\":\"yes\"}}}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.text("/status/podIP")).isEqualTo(movedTo);
        assertThat(moved.json().at("/metadata/labels/ignored").isMissingNode()).isTrue();
        assertThat(moved.text("/metadata/labels/x")).isEqualTo("y");
    }
}
