package io.policyledger.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.protocol.AuditView.Actor;
import io.policyledger.protocol.AuditView.Event;
import io.policyledger.protocol.AuditView.EventList;
import io.policyledger.protocol.ConnectivityView.SideVerdict;
import io.policyledger.protocol.EffectiveRulesView.AdmittedPort;
import io.policyledger.protocol.EffectiveRulesView.Ports;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The response types' parts whose JSON is not what a record would give by itself: Kubernetes' int-or-string
 * ports, {@code "all"} or a list, the {@code continue} token (a Java keyword), what is withheld of another
 * tenant's side, and fields left out when absent. An effective-rules object is pinned whole by the app's EffectiveRulesWireTest; the other responses' fields by their integration tests.
 */
class ResponseWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPortIsABareNumberOrABareName() throws Exception {
        assertThat(JSON.writeValueAsString(List.of(
                        new AdmittedPort("TCP", NumberOrName.of(80), 90),
                        new AdmittedPort("TCP", NumberOrName.of("http"), null),
                        new AdmittedPort("UDP", null, null))))
                .isEqualTo("[{\"protocol\":\"TCP\",\"port\":80,\"endPort\":90},"
                        + "{\"protocol\":\"TCP\",\"port\":\"http\"},{\"protocol\":\"UDP\"}]");
        assertThatThrownBy(() -> new NumberOrName(80, "http")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsAreAllOrAList() throws Exception {
        assertThat(JSON.writeValueAsString(Ports.ALL)).isEqualTo("\"all\"");
        assertThat(JSON.writeValueAsString(Ports.of(List.of()))).isEqualTo("[]");
    }

    @Test
    void anotherTenantsSideSaysOnlyWhetherItAllows() throws Exception {
        assertThat(JSON.writeValueAsString(SideVerdict.withheld(false, "the destination belongs to another tenant")))
                .isEqualTo("{\"allowed\":false,\"reason\":\"the destination belongs to another tenant\"}");
    }

    @Test
    void aPageOfTheTrailNamesItsContinueTokenAsKubernetesDoes() throws Exception {
        Event event = new Event(
                7,
                "2026-12-07T10:00:00Z",
                new Actor("admin", "platform-admin", null),
                null,
                null,
                "TenantCreated",
                null,
                Map.of("name", "shop"),
                null);
        assertThat(JSON.writeValueAsString(EventList.of(9, "YWZ0ZXI6Nw", List.of(event))))
                .isEqualTo("{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"EventList\","
                        + "\"metadata\":{\"resourceVersion\":\"9\",\"continue\":\"YWZ0ZXI6Nw\"},"
                        + "\"items\":[{\"revision\":7,\"time\":\"2026-12-07T10:00:00Z\","
                        + "\"actor\":{\"subject\":\"admin\",\"role\":\"platform-admin\"},"
                        + "\"type\":\"TenantCreated\",\"change\":{\"name\":\"shop\"}}]}");
        assertThat(JSON.writeValueAsString(EventList.of(9, null, List.of())))
                .isEqualTo("{\"apiVersion\":\"policyledger.io/v1\",\"kind\":\"EventList\","
                        + "\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[]}");
    }

    /**
     * Spring's mapper leaves nulls out (application.yml) while some responses are written by a plain one
     * (the audit trail, a dry run's impact, tables): every response record leaves an absent field out
     * by itself, so its JSON does not depend on which mapper writes it.
     */
    @Test
    void anAbsentFieldIsLeftOutWhicheverMapperWritesTheResponse() throws Exception {
        ObjectMapper leavingNullsOut = new ObjectMapper()
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        int compared = 0;
        for (Class<?> view : List.of(
                AuditView.class, ConnectivityView.class, RebuildView.class, EffectiveRulesView.class, NodeView.class)) {
            for (Class<?> type : view.getDeclaredClasses()) {
                if (!type.isRecord()) {
                    continue;
                }
                Object empty = withNothingSet(type);
                if (empty == null) {
                    continue;
                }
                assertThat(JSON.writeValueAsString(empty))
                        .as(type.getName())
                        .isEqualTo(leavingNullsOut.writeValueAsString(empty));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(30);
    }

    /** The record with every reference component null (primitives zero), or null if it refuses that. */
    private static Object withNothingSet(Class<?> type) throws Exception {
        java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = !types[i].isPrimitive()
                    ? null
                    : types[i] == boolean.class ? (Object) false : types[i] == long.class ? (Object) 0L : (Object) 0;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException refused) {
            return null;
        }
    }
}
