package io.policyledger.core.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policyledger.core.namespace.CreateNamespace;
import io.policyledger.core.namespace.DeleteNamespace;
import io.policyledger.core.networkpolicy.DeleteNetworkPolicy;
import io.policyledger.core.pod.DeletePod;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void podAndNetworkPolicyWithTheSameNamespaceAndNameNeverShareAStream() {
        ObjectKey pod = ObjectKey.pod("shop", "web");
        ObjectKey policy = ObjectKey.networkPolicy("shop", "web");

        assertThat(pod).isNotEqualTo(policy);
        assertThat(pod.aggregateId()).isNotEqualTo(policy.aggregateId());
    }

    @Test
    void namespaceAndAPodNamedLikeItNeverShareAStream() {
        assertThat(ObjectKey.namespace("web").aggregateId())
                .isNotEqualTo(ObjectKey.pod("web", "web").aggregateId());
    }

    @Test
    void aggregateIdOfNamespacedObjectsNamesResourceNamespaceAndName() {
        assertThat(ObjectKey.pod("shop", "web-0").aggregateId()).isEqualTo("pods/shop/web-0");
        assertThat(ObjectKey.networkPolicy("shop", "deny-all").aggregateId())
                .isEqualTo("networkpolicies/shop/deny-all");
    }

    @Test
    void aggregateIdOfANamespaceNamesResourceAndName() {
        assertThat(ObjectKey.namespace("shop").aggregateId()).isEqualTo("namespaces/shop");
    }

    @Test
    void clusterScopedNamespaceKeyHasAnEmptyNamespace() {
        assertThat(ObjectKey.namespace("shop").namespace()).isEmpty();
    }

    @Test
    void namespaceGivenForAClusterScopedKindIsDropped() {
        ObjectKey key = new ObjectKey(Kind.NAMESPACE, "elsewhere", "shop");

        assertThat(key.namespace()).isEmpty();
        assertThat(key).isEqualTo(ObjectKey.namespace("shop"));
    }

    @Test
    void namespacedKindRequiresANamespace() {
        assertThatThrownBy(() -> ObjectKey.pod(null, "web-0")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void everyKeyRequiresAName() {
        assertThatThrownBy(() -> ObjectKey.namespace(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void commandsForTheSameObjectAddressTheSameStream() {
        assertThat(new CreateNamespace("shop", "uid-1", "tenant-a", null, null).key())
                .isEqualTo(new DeleteNamespace("shop", null, null).key());
        assertThat(new DeletePod("shop", "web", null, null).key()).isEqualTo(ObjectKey.pod("shop", "web"));
        assertThat(new DeleteNetworkPolicy("shop", "web", null, null).key())
                .isEqualTo(ObjectKey.networkPolicy("shop", "web"));
    }

    @Test
    void qualifiedNamesOfKindsReadAsKubernetesWritesThem() {
        assertThat(Kind.POD.qualifiedResource()).isEqualTo("pods");
        assertThat(Kind.NETWORK_POLICY.qualifiedResource()).isEqualTo("networkpolicies.networking.k8s.io");
        assertThat(Kind.NETWORK_POLICY.qualifiedKind()).isEqualTo("NetworkPolicy.networking.k8s.io");
        assertThat(Kind.NAMESPACE.qualifiedKind()).isEqualTo("Namespace");
    }

    @Test
    void notFoundMessageReadsAsKubernetesWritesIt() {
        assertThat(new ObjectNotFoundException(ObjectKey.networkPolicy("shop", "web")))
                .hasMessage("networkpolicies.networking.k8s.io \"web\" not found");
    }
}
