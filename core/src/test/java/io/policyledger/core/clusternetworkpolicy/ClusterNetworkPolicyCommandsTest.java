package io.policyledger.core.clusternetworkpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.core.validation.FieldViolation;
import io.policyledger.core.validation.InvalidObjectException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ClusterNetworkPolicy validation, case by case against network-policy-api v0.2.0's OpenAPI bounds and
 * CEL rules. Specs are written as YAML-like JSON, as a platform admin would send them.
 */
class ClusterNetworkPolicyCommandsTest {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ClusterNetworkPolicySpec spec(String json) {
        try {
            return JSON.readValue(json.replace('\'', '"'), ClusterNetworkPolicySpec.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CreateClusterNetworkPolicy create(String json) {
        return new CreateClusterNetworkPolicy("db-guard", "u1", Map.of(), Map.of(), spec(json));
    }

    private static List<String> rejected(String json) {
        InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> create(json));
        assertThat(e).as("rejected: " + json).isNotNull();
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    private static final String SUBJECT = "'subject':{'namespaces':{'matchLabels':{'tier':'db'}}}";

    @Test
    void anAdminDenyWithPortsNamedPortsAndRangesIsAccepted() {
        assertThatCode(() -> create("{'tier':'Admin','priority':10," + SUBJECT + ",'ingress':[{'name':'block',"
                        + "'action':'Deny','from':[{'namespaces':{}}],'protocols':[{'tcp':{'destinationPort':{'number':5432}}},"
                        + "{'udp':{'destinationPort':{'range':{'start':1000,'end':2000}}}},{'destinationNamedPort':'pg'}]}],"
                        + "'egress':[{'action':'Pass','to':[{'networks':['10.0.0.0/8','fd00::/8']},{'nodes':{}},"
                        + "{'pods':{'namespaceSelector':{},'podSelector':{'matchLabels':{'app':'dns'}}}}]}]}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> create("{'tier':'Baseline','priority':0,'subject':{'pods':{'namespaceSelector':{},"
                        + "'podSelector':{}}},'ingress':[{'action':'Deny','from':[{'namespaces':{}}]}]}"))
                .doesNotThrowAnyException();
    }

    @Test
    void tierPriorityAndSubjectAreRequiredAndBounded() {
        assertThat(rejected("{'priority':1," + SUBJECT + "}")).containsExactly("spec.tier");
        assertThat(rejected("{'tier':'Platform','priority':1," + SUBJECT + "}")).containsExactly("spec.tier");
        assertThat(rejected("{'tier':'Admin'," + SUBJECT + "}")).containsExactly("spec.priority");
        assertThat(rejected("{'tier':'Admin','priority':1001," + SUBJECT + "}")).containsExactly("spec.priority");
        assertThat(rejected("{'tier':'Admin','priority':-1," + SUBJECT + "}")).containsExactly("spec.priority");
        assertThat(rejected("{'tier':'Admin','priority':1}")).containsExactly("spec.subject");
        assertThat(rejected("{'tier':'Admin','priority':1,'subject':{}}")).containsExactly("spec.subject");
        assertThat(rejected("{'tier':'Admin','priority':1,'subject':{'namespaces':{},'pods':{'namespaceSelector':{},"
                        + "'podSelector':{}}}}"))
                .containsExactly("spec.subject");
        assertThat(rejected("{'tier':'Admin','priority':1,'subject':{'pods':{'namespaceSelector':{}}}}"))
                .containsExactly("spec.subject.pods.podSelector");
        // namespaceSelector is optional upstream: every namespace.
        assertThatCode(() -> create("{'tier':'Admin','priority':1,'subject':{'pods':{'podSelector':{}}}}"))
                .doesNotThrowAnyException();
    }

    @Test
    void rulesNeedAKnownActionAndOneToTwentyFivePeersEachWithExactlyOneField() {
        String head = "{'tier':'Admin','priority':1," + SUBJECT + ",";
        assertThat(rejected(head + "'ingress':[{'from':[{'namespaces':{}}]}]}"))
                .containsExactly("spec.ingress[0].action");
        assertThat(rejected(head + "'ingress':[{'action':'Allow','from':[{'namespaces':{}}]}]}"))
                .containsExactly("spec.ingress[0].action");
        assertThat(rejected(head + "'ingress':[{'action':'Deny','from':[]}]}")).containsExactly("spec.ingress[0].from");
        assertThat(rejected(head + "'ingress':[{'action':'Deny','from':[{}]}]}"))
                .containsExactly("spec.ingress[0].from[0]");
        assertThat(rejected(head + "'egress':[{'action':'Deny','to':[{'nodes':{},'networks':['10.0.0.0/8']}]}]}"))
                .containsExactly("spec.egress[0].to[0]");
        String tooMany = String.join(",", java.util.Collections.nCopies(26, "{'namespaces':{}}"));
        assertThat(rejected(head + "'ingress':[{'action':'Deny','from':[" + tooMany + "]}]}"))
                .containsExactly("spec.ingress[0].from");
        assertThatCode(() -> create(head + "'ingress':[{'name':'" + "\uD83D\uDD12".repeat(100)
                        + "','action':'Deny','from':[{'namespaces':{}}]}]}"))
                .doesNotThrowAnyException();
        String name = "x".repeat(101);
        assertThat(rejected(head + "'ingress':[{'name':'" + name + "','action':'Deny','from':[{'namespaces':{}}]}]}"))
                .containsExactly("spec.ingress[0].name");
        String rules =
                String.join(",", java.util.Collections.nCopies(26, "{'action':'Deny','from':[{'namespaces':{}}]}"));
        assertThat(rejected(head + "'ingress':[" + rules + "]}")).containsExactly("spec.ingress");
    }

    @Test
    void portsAreOneToSixtyFiveThousandRangesRunUpwardAndEachProtocolSetsOneThing() {
        String head = "{'tier':'Admin','priority':1," + SUBJECT
                + ",'ingress':[{'action':'Deny','from':[{'namespaces':{}}]," + "'protocols':[";
        assertThat(rejected(head + "{'tcp':{'destinationPort':{'number':0}}}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0].tcp.destinationPort.number");
        assertThat(rejected(head + "{'tcp':{'destinationPort':{'number':65536}}}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0].tcp.destinationPort.number");
        assertThat(rejected(head + "{'sctp':{'destinationPort':{'range':{'start':20,'end':20}}}}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0].sctp.destinationPort.range");
        assertThat(rejected(head + "{'tcp':{'destinationPort':{'number':80,'range':{'start':1,'end':2}}}}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0].tcp.destinationPort");
        assertThat(rejected(head + "{'tcp':{}}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0].tcp.destinationPort");
        assertThat(rejected(head + "{'tcp':{'destinationPort':{'number':80}},'destinationNamedPort':'http'}]}]}"))
                .containsExactly("spec.ingress[0].protocols[0]");
        assertThat(rejected(head + "]}]}")).containsExactly("spec.ingress[0].protocols");
    }

    @Test
    void networksMustBeCidrsAndNamedPortsCannotReachNetworksNodesOrDomainNames() {
        String head = "{'tier':'Admin','priority':1," + SUBJECT + ",'egress':[{'action':'Deny','to':[";
        assertThat(rejected(head + "{'networks':['10.0.0.300/8']}]}]}"))
                .containsExactly("spec.egress[0].to[0].networks[0]");
        assertThat(rejected(head + "{'networks':[]}]}]}")).containsExactly("spec.egress[0].to[0].networks");
        assertThat(rejected(head + "{'networks':['10.0.0.0/8','10.0.0.0/8']}]}]}"))
                .containsExactly("spec.egress[0].to[0].networks[1]");
        assertThat(rejected(head + "{'networks':['::ffff:10.0.0.0/104']}]}]}"))
                .containsExactly("spec.egress[0].to[0].networks[0]");
        assertThat(rejected(head + "{'domainNames':['-bad-.example']}]}]}"))
                .containsExactly("spec.egress[0].to[0].domainNames[0]");
        assertThat(rejected(head + "{'networks':['10.0.0.0/8']}],'protocols':[{'destinationNamedPort':'http'}]}]}"))
                .containsExactly("spec.egress[0]");
        assertThatCode(() -> create(head + "{'namespaces':{}}],'protocols':[{'destinationNamedPort':'http'}]}]}"))
                .doesNotThrowAnyException();
    }
}
