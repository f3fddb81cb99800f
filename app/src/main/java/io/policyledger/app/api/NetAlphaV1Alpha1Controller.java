package io.policyledger.app.api;

import io.policyledger.app.api.wire.AlphaNetworkPolicyObject;
import io.policyledger.app.api.wire.ObjectList;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /apis/net.alpha.kubernetes.io/v1alpha1}: the 2016-format NetworkPolicies ("networkpolicys", as then). */
@RestController
@RequestMapping(path = "/apis/net.alpha.kubernetes.io/v1alpha1", produces = MediaType.APPLICATION_JSON_VALUE)
class NetAlphaV1Alpha1Controller {

    private final ResourceOperations operations;
    private final AlphaNetworkPolicyResource policies;

    NetAlphaV1Alpha1Controller(ResourceOperations operations, AlphaNetworkPolicyResource policies) {
        this.operations = operations;
        this.policies = policies;
    }

    @GetMapping("/networkpolicys")
    ObjectList<AlphaNetworkPolicyObject> listInAllNamespaces(HttpServletRequest request) {
        return operations.list(policies, null, request);
    }

    @GetMapping("/namespaces/{namespace}/networkpolicys")
    ObjectList<AlphaNetworkPolicyObject> list(@PathVariable String namespace, HttpServletRequest request) {
        return operations.list(policies, namespace, request);
    }

    @PostMapping("/namespaces/{namespace}/networkpolicys")
    ResponseEntity<?> create(@PathVariable String namespace, HttpServletRequest request) {
        return operations.create(policies, namespace, request);
    }

    @GetMapping("/namespaces/{namespace}/networkpolicys/{name}")
    AlphaNetworkPolicyObject get(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.get(policies, namespace, name, request);
    }

    @PutMapping("/namespaces/{namespace}/networkpolicys/{name}")
    Object replace(@PathVariable String namespace, @PathVariable String name,
                                HttpServletRequest request) {
        return operations.replace(policies, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @PatchMapping("/namespaces/{namespace}/networkpolicys/{name}")
    Object patch(@PathVariable String namespace, @PathVariable String name,
                              HttpServletRequest request) {
        return operations.patch(policies, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @DeleteMapping("/namespaces/{namespace}/networkpolicys/{name}")
    Object delete(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.delete(policies, namespace, name, request);
    }
}
