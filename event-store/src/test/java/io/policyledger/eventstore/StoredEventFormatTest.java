package io.policyledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyCreated;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyDeleted;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyEgressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressPeer;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyIngressRule;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyProtocol;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicyReplaced;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySpec;
import io.policyledger.core.clusternetworkpolicy.ClusterNetworkPolicySubject;
import io.policyledger.core.clusternetworkpolicy.NamespacedPod;
import io.policyledger.core.clusternetworkpolicy.Port;
import io.policyledger.core.clusternetworkpolicy.PortRange;
import io.policyledger.core.clusternetworkpolicy.ProtocolPort;
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
import io.policyledger.core.settings.ClusterSettingsCreated;
import io.policyledger.core.settings.ClusterSettingsDeleted;
import io.policyledger.core.settings.ClusterSettingsReplaced;
import io.policyledger.core.settings.ClusterSettingsSpec;
import io.policyledger.core.tenant.TenantCreated;
import io.policyledger.core.tenant.TenantDeleted;
import io.policyledger.core.tenant.TenantMetadataChanged;
import io.policyledger.core.token.TokenIssued;
import io.policyledger.core.token.TokenRevoked;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored form of every event type, pinned. Each file under {@code stored-events/} is a payload as
 * the event store writes it; the test reads it back through the real storage serializer and writes
 * the same object again. An edit to an event or to a record it carries (a spec, a selector) that
 * changes what is stored fails here: old events must stay readable, so such a change needs a new event
 * revision and an upcaster, decided deliberately, not slipped in with an API change.
 */
class StoredEventFormatTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00.123456789Z");
    private static final Serializer SERIALIZER = new EventStoreConfiguration().serializer();

    static Stream<Arguments> events() {
        LabelSelector web = new LabelSelector(
                Map.of("app", "web"),
                List.of(
                        new LabelSelectorRequirement("tier", "NotIn", List.of("db")),
                        new LabelSelectorRequirement("env", "Exists", null)));
        NetworkPolicySpec spec = new NetworkPolicySpec(
                web,
                List.of(new NetworkPolicyIngressRule(
                        List.of(
                                new NetworkPolicyPort("TCP", IntOrString.of("http"), null),
                                new NetworkPolicyPort("UDP", IntOrString.of(8000), 8080)),
                        List.of(
                                new NetworkPolicyPeer(null, new LabelSelector(null, null), null),
                                new NetworkPolicyPeer(null, null, new IPBlock("10.0.0.0/8", List.of("10.1.0.0/16")))))),
                List.of(new NetworkPolicyEgressRule(null, List.of())),
                List.of("Ingress", "Egress"));
        PodSpec pod = new PodSpec(
                "node-1", List.of(new Container("web", "nginx", List.of(new ContainerPort("http", 80, "TCP")))));
        PodStatus ips = new PodStatus("10.0.0.7", List.of(new PodIP("10.0.0.7"), new PodIP("fd00::7")));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(
                "NamespaceCreated",
                new NamespaceCreated(
                        "shop",
                        "u1",
                        "payments",
                        Map.of(
                                "team",
                                "a",
                                "kubernetes.io/metadata.name",
                                "shop",
                                "policyledger.io/tenant",
                                "payments"),
                        Map.of("note", "x"),
                        T));
        all.put("NamespaceMetadataChanged", new NamespaceMetadataChanged("shop", "u1", Map.of("team", "b"), Map.of()));
        all.put("NamespaceDeleted", new NamespaceDeleted("shop", "u1"));
        all.put("PodCreated", new PodCreated("shop", "web-1", "u2", Map.of("app", "web"), Map.of(), pod, ips, T));
        all.put("PodUpdated", new PodUpdated("shop", "web-1", "u2", Map.of(), Map.of(), pod, PodStatus.NONE, 2));
        all.put("PodDeleted", new PodDeleted("shop", "web-1", "u2"));
        all.put("NetworkPolicyCreated", new NetworkPolicyCreated("shop", "p", "u3", Map.of(), Map.of(), spec, T));
        all.put(
                "NetworkPolicyReplaced",
                new NetworkPolicyReplaced(
                        "shop",
                        "p",
                        "u3",
                        Map.of("v", "2"),
                        Map.of(),
                        new NetworkPolicySpec(LabelSelector.EVERYTHING, List.of(), null, List.of("Ingress")),
                        2));
        all.put("NetworkPolicyDeleted", new NetworkPolicyDeleted("shop", "p", "u3"));
        AlphaNetworkPolicySpec alpha = new AlphaNetworkPolicySpec(
                Map.of("app", "db"),
                new AllowIncoming(
                        List.of(new AlphaPeer(Map.of("app", "web"), null), new AlphaPeer(null, Map.of("team", "ops"))),
                        List.of(new AlphaPort(IntOrString.of("pg"), "TCP"), new AlphaPort(IntOrString.of(53), "UDP"))));
        all.put(
                "AlphaNetworkPolicyCreated",
                new AlphaNetworkPolicyCreated("shop", "p", "u6", Map.of(), Map.of(), alpha, T));
        all.put(
                "AlphaNetworkPolicyReplaced",
                new AlphaNetworkPolicyReplaced(
                        "shop",
                        "p",
                        "u6",
                        Map.of(),
                        Map.of(),
                        new AlphaNetworkPolicySpec(null, new AllowIncoming(null, null)),
                        2));
        all.put("AlphaNetworkPolicyDeleted", new AlphaNetworkPolicyDeleted("shop", "p", "u6"));
        all.put("TenantCreated", new TenantCreated("payments", "u4", Map.of("tier", "gold"), Map.of(), T));
        all.put("TenantMetadataChanged", new TenantMetadataChanged("payments", "u4", Map.of(), Map.of("a", "b")));
        all.put("TenantDeleted", new TenantDeleted("payments", "u4"));
        all.put(
                "ClusterSettingsCreated",
                new ClusterSettingsCreated(
                        "default",
                        "u5",
                        Map.of(),
                        Map.of(),
                        new ClusterSettingsSpec(List.of("platform.example/zone"), List.of("kube-*", "ingress")),
                        T));
        all.put(
                "ClusterSettingsReplaced",
                new ClusterSettingsReplaced("default", "u5", Map.of(), Map.of(), ClusterSettingsSpec.NONE, 2));
        all.put("ClusterSettingsDeleted", new ClusterSettingsDeleted("default", "u5"));
        ClusterNetworkPolicySpec platform = new ClusterNetworkPolicySpec(
                "Admin",
                10,
                new ClusterNetworkPolicySubject(new LabelSelector(Map.of("tier", "db"), null), null),
                List.of(new ClusterNetworkPolicyIngressRule(
                        "block",
                        "Deny",
                        List.of(new ClusterNetworkPolicyIngressPeer(
                                null,
                                new NamespacedPod(
                                        new LabelSelector(null, null), new LabelSelector(Map.of("app", "web"), null)))),
                        List.of(
                                new ClusterNetworkPolicyProtocol(
                                        new ProtocolPort(new Port(5432, null)), null, null, null),
                                new ClusterNetworkPolicyProtocol(
                                        null, new ProtocolPort(new Port(null, new PortRange(1000, 2000))), null, null),
                                new ClusterNetworkPolicyProtocol(null, null, null, "pg")))),
                List.of(new ClusterNetworkPolicyEgressRule(
                        null,
                        "Pass",
                        List.of(
                                new ClusterNetworkPolicyEgressPeer(null, null, null, List.of("10.0.0.0/8"), null),
                                new ClusterNetworkPolicyEgressPeer(
                                        null, null, new LabelSelector(Map.of("role", "infra"), null), null, null)),
                        null)));
        all.put(
                "ClusterNetworkPolicyCreated",
                new ClusterNetworkPolicyCreated("db-guard", "u6", Map.of(), Map.of(), platform, T));
        all.put(
                "ClusterNetworkPolicyReplaced",
                new ClusterNetworkPolicyReplaced("db-guard", "u6", Map.of("owner", "platform"), Map.of(), platform, 2));
        all.put("ClusterNetworkPolicyDeleted", new ClusterNetworkPolicyDeleted("db-guard", "u6"));
        all.put("TokenIssued", new TokenIssued("t1", "agent", "payments", "agent-n1", "node-1", T, T.plusSeconds(60)));
        all.put("TokenRevoked", new TokenRevoked("t1", "payments"));
        return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theStoredFormOfEachEventIsReadAndWrittenUnchanged(String type, Object event) throws IOException {
        String stored = fixture(type);

        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                stored.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(event.getClass().getName(), null)));
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);

        assertThat(read).isEqualTo(event);
        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).isEqualTo(stored);
        assertThat(written.getType().getRevision()).isEqualTo(EventRevisions.REVISIONS.get(event.getClass()));
    }

    /** A NamespaceCreated of the first form (its tenant only as a label) reads with its tenant. */
    @Test
    void aNamespaceCreatedOfTheFirstFormGetsItsTenantFromItsLabel() throws IOException {
        String stored = resource("/stored-events-legacy/NamespaceCreated-revision-none.json");
        JsonNode upcast = NamespaceCreatedUpcaster.toRevision2(new ObjectMapper().readTree(stored));

        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                upcast.toString().getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(NamespaceCreated.class.getName(), "2")));

        assertThat(read)
                .isEqualTo(new NamespaceCreated(
                        "shop",
                        "u1",
                        "payments",
                        Map.of("kubernetes.io/metadata.name", "shop", "policyledger.io/tenant", "payments"),
                        Map.of(),
                        T));
    }

    /**
     * Payloads stored by earlier versions: they need not be written the same way any more, but they must
     * still read as what they meant.
     */
    @Test
    void clusterSettingsStoredBeforeReservedNamespaceNamesExistedStillRead() throws IOException {
        String stored = resource("/stored-events-legacy/ClusterSettingsReplaced-before-reserved-names.json");

        Object read = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                stored.getBytes(StandardCharsets.UTF_8),
                byte[].class,
                new SimpleSerializedType(ClusterSettingsReplaced.class.getName(), null)));

        assertThat(read)
                .isEqualTo(
                        new ClusterSettingsReplaced("default", "u5", Map.of(), Map.of(), ClusterSettingsSpec.NONE, 2));
    }

    private static String fixture(String type) throws IOException {
        return resource("/stored-events/" + type + ".json");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = StoredEventFormatTest.class.getResourceAsStream(path)) {
            assertThat(in).as("fixture " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
