package io.policyledger.app.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.registry.ApiResources;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side apply's ownership rules, on pods (whose containers are a keyed list) and network policies. */
class FieldManagementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-06T11:00:00Z");
    private final FieldManagement pods = new FieldManagement(ApiResources.of("v1", "pods"));
    private final FieldManagement policies =
            new FieldManagement(ApiResources.of("networking.k8s.io/v1", "networkpolicies"));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aFirstApplyOwnsExactlyWhatItSetsWithKeyedEntriesByTheirKey() throws Exception {
        FieldManagement.Applied applied = pods.apply(
                null,
                json("{'metadata':{'labels':{'app':'db'}},'spec':{'containers':[{'name':'pg','image':'pg:17'}]}}"),
                List.of(),
                "alice",
                false,
                T0);

        ManagedFields.Entry entry = applied.entries().get(0);
        assertThat(entry.manager()).isEqualTo("alice");
        assertThat(entry.operation()).isEqualTo("Apply");
        assertThat(FieldSets.toFieldsV1(entry.fields()))
                .isEqualTo(json("{'f:metadata':{'f:labels':{'f:app':{}}},"
                                + "'f:spec':{'f:containers':{'k:{\\\"name\\\":\\\"pg\\\"}':{'.':{},'f:name':{},'f:image':{}}}}}")
                        .deepCopy());
    }

    @Test
    void aFieldNoLongerAppliedIsRemovedUnlessAnotherManagerOwnsIt() throws Exception {
        FieldManagement.Applied first = policies.apply(
                null,
                json("{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'podSelector':{}}}"),
                List.of(),
                "alice",
                false,
                T0);
        List<ManagedFields.Entry> withBob = policies.update(
                first.object(),
                json("{'metadata':{'labels':{'a':'1','b':'2','c':'3'}},'spec':{'podSelector':{}}}"),
                first.entries(),
                "bob",
                T0);

        FieldManagement.Applied second = policies.apply(
                json("{'metadata':{'labels':{'a':'1','b':'2','c':'3'}},'spec':{'podSelector':{}}}"),
                json("{'metadata':{'labels':{'a':'1'}},'spec':{'podSelector':{}}}"),
                withBob,
                "alice",
                false,
                T1);

        // b was alice's alone: gone. c is bob's: kept, though alice never applied it.
        assertThat(second.object().at("/metadata/labels")).isEqualTo(json("{'a':'1','c':'3'}"));
    }

    @Test
    void changingAFieldAnotherManagerOwnsConflictsAndForceTakesItOver() throws Exception {
        FieldManagement.Applied alice = policies.apply(
                null, json("{'spec':{'podSelector':{'matchLabels':{'app':'web'}}}}"), List.of(), "alice", false, T0);
        JsonNode bobs = json("{'spec':{'podSelector':{'matchLabels':{'app':'api'}}}}");

        assertThatThrownBy(() -> policies.apply(alice.object(), bobs, alice.entries(), "bob", false, T1))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessageContaining(
                        "conflict with \"alice\" using networking.k8s.io/v1: .spec.podSelector.matchLabels.app")
                .satisfies(e ->
                        assertThat(((ApplyConflictException) e).conflicts()).hasSize(1));

        FieldManagement.Applied forced = policies.apply(alice.object(), bobs, alice.entries(), "bob", true, T1);
        assertThat(forced.object().at("/spec/podSelector/matchLabels/app").asText())
                .isEqualTo("api");
        assertThat(forced.entries()).extracting(ManagedFields.Entry::manager).containsExactly("bob");
    }

    @Test
    void applyingTheSameValueSharesTheFieldInsteadOfConflicting() throws Exception {
        FieldManagement.Applied alice = policies.apply(
                null, json("{'spec':{'podSelector':{'matchLabels':{'app':'web'}}}}"), List.of(), "alice", false, T0);
        FieldManagement.Applied both = policies.apply(
                alice.object(),
                json("{'spec':{'podSelector':{'matchLabels':{'app':'web'}}}}"),
                alice.entries(),
                "bob",
                false,
                T1);

        assertThat(both.entries()).extracting(ManagedFields.Entry::manager).containsExactly("alice", "bob");
        // Alice stops applying it: bob still owns it, so it stays.
        FieldManagement.Applied aliceLeaves =
                policies.apply(both.object(), json("{'spec':{}}"), both.entries(), "alice", false, T1);
        assertThat(aliceLeaves.object().at("/spec/podSelector/matchLabels/app").asText())
                .isEqualTo("web");
    }

    @Test
    void twoManagersShareAKeyedEntryWhenEachSetsOtherFieldsOfIt() throws Exception {
        FieldManagement.Applied alice = pods.apply(
                null, json("{'spec':{'containers':[{'name':'pg','image':'pg:17'}]}}"), List.of(), "alice", false, T0);
        FieldManagement.Applied bob = pods.apply(
                alice.object(),
                json("{'spec':{'containers':[{'name':'pg','ports':[{'containerPort':5432}]}]}}"),
                alice.entries(),
                "bob",
                false,
                T1);
        assertThat(bob.object().at("/spec/containers/0/image").asText()).isEqualTo("pg:17");
        assertThat(bob.object().at("/spec/containers/0/ports/0/containerPort").asInt())
                .isEqualTo(5432);
    }

    @Test
    void anUpdateTakesTheFieldsItChangesAndAnUnchangedReapplyKeepsItsTime() throws Exception {
        FieldManagement.Applied alice = policies.apply(
                null, json("{'spec':{'podSelector':{'matchLabels':{'app':'web'}}}}"), List.of(), "alice", false, T0);
        List<ManagedFields.Entry> edited = policies.update(
                alice.object(),
                json("{'spec':{'podSelector':{'matchLabels':{'app':'edited'}}}}"),
                alice.entries(),
                "kubectl-edit",
                T1);
        assertThat(edited).extracting(ManagedFields.Entry::manager).containsExactly("kubectl-edit");

        FieldManagement.Applied again = policies.apply(
                alice.object(),
                json("{'spec':{'podSelector':{'matchLabels':{'app':'web'}}}}"),
                alice.entries(),
                "alice",
                false,
                T1);
        assertThat(again.entries().get(0).time()).isEqualTo(T0);
    }

    @Test
    void ownershipSurvivesTheTripThroughTheAnnotation() throws Exception {
        FieldManagement.Applied applied = pods.apply(
                null,
                json("{'spec':{'containers':[{'name':'pg','ports':[{'containerPort':5432}]}]}}"),
                List.of(),
                "alice",
                false,
                T0);
        List<ManagedFields.Entry> read =
                ManagedFields.of(java.util.Map.of(ManagedFields.ANNOTATION, ManagedFields.stored(applied.entries())));
        assertThat(read).isEqualTo(applied.entries());
    }
}
