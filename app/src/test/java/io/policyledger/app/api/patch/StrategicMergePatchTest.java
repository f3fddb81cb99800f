package io.policyledger.app.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.registry.PatchStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strategic merge, case by case, in the spirit of Kubernetes' own strategic-merge-patch tests (rewritten
 * for the lists this server merges: containers by name, their ports by containerPort, finalizers as a set).
 */
class StrategicMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StrategicMergePatch POD = new StrategicMergePatch(Map.of(
            "metadata.finalizers", PatchStrategy.union(),
            "spec.containers", PatchStrategy.mergeBy("name"),
            "spec.containers.ports", PatchStrategy.mergeBy("containerPort")));

    private static JsonNode apply(String original, String patch) {
        try {
            return POD.apply(JSON.readTree(original.replace('\'', '"')), JSON.readTree(patch.replace('\'', '"')));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void mapsMergeAndNullRemovesAKey() throws Exception {
        assertThat(apply("{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'b':null,'c':'3'}}}"))
                .isEqualTo(json("{'metadata':{'labels':{'a':'1','c':'3'}}}"));
    }

    @Test
    void entriesOfAKeyedListMergeByTheirKeyAndNewOnesAreAppended() throws Exception {
        JsonNode merged = apply(
                "{'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:1'}]}}",
                "{'spec':{'containers':[{'name':'b','image':'y:2'},{'name':'c','image':'z:1'}]}}");
        assertThat(merged)
                .isEqualTo(
                        json(
                                "{'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:2'},{'name':'c','image':'z:1'}]}}"));
    }

    @Test
    void nestedKeyedListsMergeToo() throws Exception {
        JsonNode merged = apply(
                "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
                "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}]}]}}");
        assertThat(merged)
                .isEqualTo(json("{'spec':{'containers':[{'name':'a','ports':["
                        + "{'containerPort':80,'name':'http','protocol':'TCP'},{'containerPort':443}]}]}}"));
    }

    @Test
    void patchDeleteRemovesAnEntryAndPatchReplaceReplacesTheWholeList() throws Exception {
        String original = "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}";
        assertThat(apply(original, "{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}"))
                .isEqualTo(json("{'spec':{'containers':[{'name':'b'}]}}"));
        assertThat(apply(original, "{'spec':{'containers':[{'name':'c'},{'$patch':'replace'}]}}"))
                .isEqualTo(json("{'spec':{'containers':[{'name':'c'}]}}"));
    }

    @Test
    void patchReplaceOnAMapReplacesItAndPatchDeleteRemovesIt() throws Exception {
        String original = "{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'nodeName':'n1'}}";
        assertThat(apply(original, "{'metadata':{'labels':{'c':'3','$patch':'replace'}}}"))
                .isEqualTo(json("{'metadata':{'labels':{'c':'3'}},'spec':{'nodeName':'n1'}}"));
        assertThat(apply(original, "{'spec':{'$patch':'delete'}}"))
                .isEqualTo(json("{'metadata':{'labels':{'a':'1','b':'2'}}}"));
    }

    @Test
    void aListWithoutAStrategyIsReplacedWhole() throws Exception {
        assertThat(apply("{'spec':{'policyTypes':['Ingress','Egress']}}", "{'spec':{'policyTypes':['Egress']}}"))
                .isEqualTo(json("{'spec':{'policyTypes':['Egress']}}"));
    }

    @Test
    void aPrimitiveListWithMergeIsAUnionAndDeleteFromPrimitiveListRemoves() throws Exception {
        assertThat(apply("{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'finalizers':['b','c']}}"))
                .isEqualTo(json("{'metadata':{'finalizers':['a','b','c']}}"));
        assertThat(apply(
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}"))
                .isEqualTo(json("{'metadata':{'finalizers':['b']}}"));
    }

    @Test
    void setElementOrderOrdersTheMergedList() throws Exception {
        JsonNode merged = apply(
                "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
                "{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'a','image':'x'}]}}");
        assertThat(merged).isEqualTo(json("{'spec':{'containers':[{'name':'b'},{'name':'a','image':'x'}]}}"));
    }

    @Test
    void retainKeysDropsTheFieldsItDoesNotName() throws Exception {
        assertThat(apply(
                        "{'spec':{'nodeName':'n1','containers':[]}}",
                        "{'spec':{'$retainKeys':['nodeName'],'nodeName':'n2'}}"))
                .isEqualTo(json("{'spec':{'nodeName':'n2'}}"));
    }

    @Test
    void anEntryWithoutItsMergeKeyOrAnUnknownDirectiveIsRefused() {
        assertThatThrownBy(() ->
                        apply("{'spec':{'containers':[{'name':'a'}]}}", "{'spec':{'containers':[{'image':'x'}]}}"))
                .isInstanceOf(InvalidPatchException.class)
                .hasMessageContaining("merge key \"name\"");
        assertThatThrownBy(() -> apply("{}", "{'spec':{'$patch':'explode'}}"))
                .isInstanceOf(InvalidPatchException.class)
                .hasMessageContaining("explode");
        assertThatThrownBy(() -> apply("{}", "{'$unknown':1}"))
                .isInstanceOf(InvalidPatchException.class)
                .hasMessageContaining("$unknown");
    }

    @Test
    void theOriginalIsNotChanged() throws Exception {
        JsonNode original = json("{'metadata':{'labels':{'a':'1'}}}");
        POD.apply(original, json("{'metadata':{'labels':{'a':null}}}"));
        assertThat(original).isEqualTo(json("{'metadata':{'labels':{'a':'1'}}}"));
    }
}
