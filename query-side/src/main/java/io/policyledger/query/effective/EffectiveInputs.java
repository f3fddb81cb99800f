package io.policyledger.query.effective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.engine.EngineObjects;
import io.policyledger.core.engine.PolicyCompiler;
import io.policyledger.core.engine.PolicyEngine;
import io.policyledger.core.namespace.NamespaceCreated;
import io.policyledger.core.namespace.NamespaceDeleted;
import io.policyledger.core.namespace.NamespaceMetadataChanged;
import io.policyledger.core.networkpolicy.NetworkPolicyCreated;
import io.policyledger.core.networkpolicy.NetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.NetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.NetworkPolicySpec;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyCreated;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyDeleted;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicyReplaced;
import io.policyledger.core.networkpolicy.alpha.AlphaNetworkPolicySpec;
import io.policyledger.core.pod.PodCreated;
import io.policyledger.core.pod.PodDeleted;
import io.policyledger.core.pod.PodSpec;
import io.policyledger.core.pod.PodStatus;
import io.policyledger.core.pod.PodUpdated;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The effective-rules projection's own copy of its inputs ({@code effective_input}), written in the
 * projection's transaction: whoever runs the projection next (this instance after a restart, or
 * another one taking it over) loads its engine from here, at exactly the projection's position, instead
 * of replaying the log. Also what "what if" questions start from.
 */
@Component
public class EffectiveInputs {

    static final String NAMESPACE = "NAMESPACE";
    static final String POD = "POD";
    static final String NETWORK_POLICY = "NETWORK_POLICY";
    static final String ALPHA_NETWORK_POLICY = "ALPHA_NETWORK_POLICY";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    EffectiveInputs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps what an event the engine took changes among the inputs. */
    void record(Object event) {
        if (event instanceof NamespaceCreated e) {
            putNamespace(e.name(), e.labels(), e.annotations());
        } else if (event instanceof NamespaceMetadataChanged e) {
            putNamespace(e.name(), e.labels(), e.annotations());
        } else if (event instanceof NamespaceDeleted e) {
            remove(NAMESPACE, "", e.name());
        } else if (event instanceof PodCreated e) {
            putPod(e.namespace(), e.name(), e.labels(), e.spec(), e.status());
        } else if (event instanceof PodUpdated e) {
            putPod(e.namespace(), e.name(), e.labels(), e.spec(), e.status());
        } else if (event instanceof PodDeleted e) {
            remove(POD, e.namespace(), e.name());
        } else if (event instanceof NetworkPolicyCreated e) {
            put(NETWORK_POLICY, e.namespace(), e.name(), document("spec", e.spec()));
        } else if (event instanceof NetworkPolicyReplaced e) {
            put(NETWORK_POLICY, e.namespace(), e.name(), document("spec", e.spec()));
        } else if (event instanceof NetworkPolicyDeleted e) {
            remove(NETWORK_POLICY, e.namespace(), e.name());
        } else if (event instanceof AlphaNetworkPolicyCreated e) {
            put(ALPHA_NETWORK_POLICY, e.namespace(), e.name(), document("spec", e.spec()));
        } else if (event instanceof AlphaNetworkPolicyReplaced e) {
            put(ALPHA_NETWORK_POLICY, e.namespace(), e.name(), document("spec", e.spec()));
        } else if (event instanceof AlphaNetworkPolicyDeleted e) {
            remove(ALPHA_NETWORK_POLICY, e.namespace(), e.name());
        }
    }

    private void putNamespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        put(NAMESPACE, "", name, document("labels", labels, "annotations", annotations));
    }

    private void putPod(String namespace, String name, Map<String, String> labels, PodSpec spec, PodStatus status) {
        put(POD, namespace, name, document("labels", labels, "spec", spec, "status", status));
    }

    private void remove(String kind, String namespace, String name) {
        jdbc.update("DELETE FROM effective_input WHERE kind = ? AND namespace = ? AND name = ?", kind, namespace, name);
    }

    void deleteAll() {
        jdbc.update("DELETE FROM effective_input");
    }

    /** A new engine holding every stored input, flushed (its output is what the store already holds). */
    public PolicyEngine load() {
        PolicyEngine engine = new PolicyEngine();
        jdbc.query("SELECT kind, namespace, name, document FROM effective_input ORDER BY kind", rs -> {
            String kind = rs.getString("kind");
            String namespace = rs.getString("namespace");
            String name = rs.getString("name");
            JsonNode doc = read(rs.getString("document"));
            switch (kind) {
                case NAMESPACE -> engine.setNamespace(EngineObjects.namespace(name, map(doc.get("labels")),
                        map(doc.get("annotations"))));
                case POD -> engine.setPod(EngineObjects.pod(namespace, name, map(doc.get("labels")),
                        convert(doc.get("spec"), PodSpec.class), convert(doc.get("status"), PodStatus.class)));
                case NETWORK_POLICY -> engine.setPolicy(PolicyCompiler.v1(namespace, name,
                        convert(doc.get("spec"), NetworkPolicySpec.class)));
                case ALPHA_NETWORK_POLICY -> engine.setPolicy(PolicyCompiler.v1alpha1(namespace, name,
                        convert(doc.get("spec"), AlphaNetworkPolicySpec.class)));
                default -> throw new IllegalStateException("unknown input kind " + kind);
            }
        });
        engine.flush();
        return engine;
    }

    private void put(String kind, String namespace, String name, Map<String, Object> document) {
        try {
            jdbc.update("""
                    INSERT INTO effective_input (kind, namespace, name, document) VALUES (?, ?, ?, ?::jsonb)
                    ON CONFLICT (kind, namespace, name) DO UPDATE SET document = EXCLUDED.document
                    """, kind, namespace, name, json.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store input " + kind + " " + namespace + "/" + name, e);
        }
    }

    private static Map<String, Object> document(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored input", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        return node == null || node.isNull() ? null : json.convertValue(node, type);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> map(JsonNode node) {
        return node == null || node.isNull() ? Map.of() : json.convertValue(node, Map.class);
    }
}
