package io.policyledger.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.networkpolicy.IPBlock;
import io.policyledger.core.networkpolicy.IntOrString;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyEgressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyIngressRule;
import io.policyledger.core.networkpolicy.NetworkPolicyPeer;
import io.policyledger.core.networkpolicy.NetworkPolicyPort;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AllowIncoming;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaPeer;
import io.policyledger.core.networkpolicy.alpha.AlphaPort;
import io.policyledger.core.pod.Container;
import io.policyledger.core.pod.ContainerPort;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodIP;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import io.policyledger.core.selector.LabelSelector;
import io.policyledger.core.selector.LabelSelectorRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored events are JSON forever: what is written must read back equal, and the wire form must stay the
 * Kubernetes one. The mapper is configured as the event store's, except that unknown properties fail here,
 * so a stray property (a derived getter leaking onto the wire) cannot go unnoticed.
 */
class EventJsonRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456789Z");

    private static final NetworkPolicySpec SPEC = new NetworkPolicySpec(
            new LabelSelector(
                    Map.of("app", "db"), List.of(new LabelSelectorRequirement("tier", "NotIn", List.of("cache")))),
            List.of(new NetworkPolicyIngressRule(
                    List.of(
                            new NetworkPolicyPort("TCP", IntOrString.of(5432), null),
                            new NetworkPolicyPort("TCP", IntOrString.of("metrics"), null),
                            new NetworkPolicyPort("UDP", IntOrString.of(30000), 32767)),
                    List.of(
                            new NetworkPolicyPeer(
                                    new LabelSelector(Map.of("app", "web"), null),
                                    new LabelSelector(
                                            null, List.of(new LabelSelectorRequirement("team", "Exists", null))),
                                    null),
                            new NetworkPolicyPeer(null, null, new IPBlock("10.0.0.0/8", List.of("10.1.0.0/16")))))),
            List.of(),
            List.of("Ingress", "Egress"));

    private static final PodSpec POD_SPEC = new PodSpec(
            "node-1",
            List.of(
                    new Container("db", "postgres:17", List.of(new ContainerPort("pg", 5432, "TCP"))),
                    new Container("sidecar", null, null)));

    private static final PodStatus POD_STATUS =
            new PodStatus("10.0.0.5", List.of(new PodIP("10.0.0.5"), new PodIP("fd00::5")));

    private static final AlphaNetworkPolicySpec ALPHA_SPEC = new AlphaNetworkPolicySpec(
            Map.of("app", "db"),
            new AllowIncoming(
                    List.of(new AlphaPeer(Map.of("app", "web"), null), new AlphaPeer(null, Map.of("t", "x"))),
                    List.of(new AlphaPort(IntOrString.of("pg"), "TCP"), new AlphaPort(IntOrString.of(53), "UDP"))));

    static Stream<Object> events() {
        Map<String, String> labels = Map.of("app", "db", "team", "a");
        Map<String, String> annotations = Map.of("example.com/owner", "ops");
        return Stream.of(
                new NamespaceCreated("shop", "uid-ns", "tenant-a", labels, annotations, CREATED),
                new NamespaceMetadataChanged("shop", "uid-ns", Map.of(), annotations),
                new NamespaceDeleted("shop", "uid-ns"),
                new PodCreated("shop", "db-0", "uid-pod", labels, Map.of(), POD_SPEC, POD_STATUS, CREATED),
                new PodCreated("shop", "db-1", "uid-pod-1", labels, Map.of(), POD_SPEC, PodStatus.NONE, CREATED),
                new PodUpdated("shop", "db-0", "uid-pod", labels, annotations, POD_SPEC, POD_STATUS, 2),
                new PodDeleted("shop", "db-0", "uid-pod"),
                new NetworkPolicyCreated("shop", "db", "uid-np", labels, annotations, SPEC, CREATED),
                new NetworkPolicyReplaced("shop", "db", "uid-np", labels, Map.of(), SPEC, 3),
                new NetworkPolicyDeleted("shop", "db", "uid-np"),
                new AlphaNetworkPolicyCreated("shop", "db", "uid-alpha", labels, Map.of(), ALPHA_SPEC, CREATED),
                new AlphaNetworkPolicyReplaced(
                        "shop", "db", "uid-alpha", Map.of(), annotations, new AlphaNetworkPolicySpec(null, null), 2),
                new AlphaNetworkPolicyDeleted("shop", "db", "uid-alpha"));
    }

    private static <T> T roundTrip(T value) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return JSON.readValue(JSON.writeValueAsString(value), type);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventReadsBackEqualToWhatWasWritten(Object event) throws JsonProcessingException {
        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void creationTimestampKeepsItsNanoseconds() throws JsonProcessingException {
        NamespaceCreated event = new NamespaceCreated("shop", "uid-ns", "tenant-a", null, null, CREATED);

        assertThat(roundTrip(event).creationTimestamp()).isEqualTo(CREATED);
    }

    // IntOrString

    @Test
    void numericPortIsWrittenAsABareNumber() throws JsonProcessingException {
        assertThat(JSON.writeValueAsString(IntOrString.of(80))).isEqualTo("80");
    }

    @Test
    void namedPortIsWrittenAsABareString() throws JsonProcessingException {
        assertThat(JSON.writeValueAsString(IntOrString.of("http"))).isEqualTo("\"http\"");
    }

    @Test
    void bareNumberReadsAsANumericPort() throws JsonProcessingException {
        IntOrString port = JSON.readValue("8080", IntOrString.class);

        assertThat(port).isEqualTo(IntOrString.of(8080));
        assertThat(port.isNumber()).isTrue();
    }

    @Test
    void bareStringReadsAsANamedPort() throws JsonProcessingException {
        assertThat(JSON.readValue("\"http\"", IntOrString.class)).isEqualTo(IntOrString.of("http"));
    }

    @Test
    void quotedDigitsStayAName() throws JsonProcessingException {
        IntOrString port = JSON.readValue("\"80\"", IntOrString.class);

        assertThat(port.isNumber()).isFalse();
        assertThat(port.stringValue()).isEqualTo("80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"80.5", "true", "3000000000", "{}", "[80]"})
    void portThatIsNeitherAnIntNorAStringIsRefused(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, IntOrString.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void portsInsideASpecAreWrittenBare() throws JsonProcessingException {
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule(
                List.of(
                        new NetworkPolicyPort("TCP", IntOrString.of(80), 90),
                        new NetworkPolicyPort("TCP", IntOrString.of("http"), null)),
                null);

        assertThat(JSON.writeValueAsString(rule))
                .isEqualTo("{\"ports\":[{\"protocol\":\"TCP\",\"port\":80,\"endPort\":90},"
                        + "{\"protocol\":\"TCP\",\"port\":\"http\"}]}");
    }

    // Null, empty and the wire form

    @Test
    void emptyRuleListIsWrittenWhileMissingOneIsOmitted() throws JsonProcessingException {
        NetworkPolicySpec denyAllIngress =
                new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, List.of("Ingress"));

        assertThat(JSON.writeValueAsString(denyAllIngress))
                .isEqualTo("{\"podSelector\":{},\"ingress\":[],\"policyTypes\":[\"Ingress\"]}");
    }

    @Test
    void emptyAndMissingListsReadBackAsWritten() throws JsonProcessingException {
        NetworkPolicySpec spec = new NetworkPolicySpec(
                LabelSelector.EVERYTHING, List.of(), List.of(new NetworkPolicyEgressRule(List.of(), null)), null);

        NetworkPolicySpec read = roundTrip(spec);

        assertThat(read.ingress()).isNotNull().isEmpty();
        assertThat(read.egress().get(0).ports()).isNotNull().isEmpty();
        assertThat(read.egress().get(0).to()).isNull();
        assertThat(read.policyTypes()).isNull();
        assertThat(read).isEqualTo(spec);
    }

    @Test
    void nullFieldsAreOmitted() throws JsonProcessingException {
        assertThat(JSON.writeValueAsString(new NetworkPolicySpec(null, null, null, null)))
                .isEqualTo("{}");
        assertThat(JSON.writeValueAsString(new NetworkPolicyPort(null, null, null)))
                .isEqualTo("{}");
        assertThat(JSON.writeValueAsString(new NetworkPolicyPeer(null, null, new IPBlock("10.0.0.0/8", null))))
                .isEqualTo("{\"ipBlock\":{\"cidr\":\"10.0.0.0/8\"}}");
        assertThat(JSON.writeValueAsString(LabelSelector.EVERYTHING)).isEqualTo("{}");
        assertThat(JSON.writeValueAsString(new LabelSelectorRequirement("a", "Exists", null)))
                .isEqualTo("{\"key\":\"a\",\"operator\":\"Exists\"}");
        assertThat(JSON.writeValueAsString(PodStatus.NONE)).isEqualTo("{}");
        assertThat(JSON.writeValueAsString(new Container("app", null, null))).isEqualTo("{\"name\":\"app\"}");
        assertThat(JSON.writeValueAsString(new ContainerPort(null, 80, null))).isEqualTo("{\"containerPort\":80}");
    }

    @Test
    void labelSelectorIsWrittenInItsKubernetesFormOnly() throws JsonProcessingException {
        LabelSelector selector = new LabelSelector(
                Map.of("tier", "web", "app", "shop"),
                List.of(new LabelSelectorRequirement("env", "In", List.of("prod", "staging"))));

        assertThat(JSON.writeValueAsString(selector))
                .isEqualTo(
                        "{\"matchLabels\":{\"app\":\"shop\",\"tier\":\"web\"},"
                                + "\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"prod\",\"staging\"]}]}");
    }

    @Test
    void kubernetesNetworkPolicySpecJsonReadsIntoTheSpec() throws JsonProcessingException {
        String kubernetes = """
                {
                  "podSelector": {"matchLabels": {"role": "db"}},
                  "policyTypes": ["Ingress", "Egress"],
                  "ingress": [{
                    "from": [
                      {"ipBlock": {"cidr": "172.17.0.0/16", "except": ["172.17.1.0/24"]}},
                      {"namespaceSelector": {"matchLabels": {"project": "myproject"}}},
                      {"podSelector": {"matchLabels": {"role": "frontend"}}}
                    ],
                    "ports": [{"protocol": "TCP", "port": 6379}]
                  }],
                  "egress": [{
                    "to": [{"ipBlock": {"cidr": "10.0.0.0/24"}}],
                    "ports": [{"protocol": "TCP", "port": 5978}]
                  }]
                }
                """;

        assertThat(JSON.readValue(kubernetes, NetworkPolicySpec.class))
                .isEqualTo(new NetworkPolicySpec(
                        new LabelSelector(Map.of("role", "db"), null),
                        List.of(new NetworkPolicyIngressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of(6379), null)),
                                List.of(
                                        new NetworkPolicyPeer(
                                                null, null, new IPBlock("172.17.0.0/16", List.of("172.17.1.0/24"))),
                                        new NetworkPolicyPeer(
                                                null, new LabelSelector(Map.of("project", "myproject"), null), null),
                                        new NetworkPolicyPeer(
                                                new LabelSelector(Map.of("role", "frontend"), null), null, null)))),
                        List.of(new NetworkPolicyEgressRule(
                                List.of(new NetworkPolicyPort("TCP", IntOrString.of(5978), null)),
                                List.of(new NetworkPolicyPeer(null, null, new IPBlock("10.0.0.0/24", null))))),
                        List.of("Ingress", "Egress")));
    }

    @Test
    void kubernetesPodSpecJsonReadsIntoThePodSpec() throws JsonProcessingException {
        String kubernetes = """
                {"nodeName": "node-1",
                 "containers": [{"name": "web", "image": "nginx",
                                 "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}]}]}
                """;

        assertThat(JSON.readValue(kubernetes, PodSpec.class))
                .isEqualTo(new PodSpec(
                        "node-1",
                        List.of(new Container("web", "nginx", List.of(new ContainerPort("http", 80, "TCP"))))));
    }
}
