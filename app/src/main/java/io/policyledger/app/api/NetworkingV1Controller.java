package io.policyledger.app.api;

import io.policyledger.app.api.wire.NetworkPolicyObject;
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

/** {@code /apis/networking.k8s.io/v1}: NetworkPolicies. */
@RestController
@RequestMapping(path = "/apis/networking.k8s.io/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class NetworkingV1Controller {

    private final ResourceOperations operations;
    private final NetworkPolicyResource policies;

    NetworkingV1Controller(ResourceOperations operations, NetworkPolicyResource policies) {
        this.operations = operations;
        this.policies = policies;
    }

    @GetMapping("/networkpolicies")
    ObjectList<NetworkPolicyObject> listInAllNamespaces(HttpServletRequest request) {
        return operations.list(policies, null, request);
    }

    @GetMapping("/namespaces/{namespace}/networkpolicies")
    ObjectList<NetworkPolicyObject> list(@PathVariable String namespace, HttpServletRequest request) {
        return operations.list(policies, namespace, request);
    }

    @PostMapping("/namespaces/{namespace}/networkpolicies")
    ResponseEntity<?> create(@PathVariable String namespace, HttpServletRequest request) {
        return operations.create(policies, namespace, request);
    }

    @GetMapping("/namespaces/{namespace}/networkpolicies/{name}")
    NetworkPolicyObject get(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.get(policies, namespace, name, request);
    }

    @PutMapping("/namespaces/{namespace}/networkpolicies/{name}")
    Object replace(@PathVariable String namespace, @PathVariable String name,
                                HttpServletRequest request) {
        return operations.replace(policies, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @PatchMapping("/namespaces/{namespace}/networkpolicies/{name}")
    Object patch(@PathVariable String namespace, @PathVariable String name,
                              HttpServletRequest request) {
        return operations.patch(policies, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @DeleteMapping("/namespaces/{namespace}/networkpolicies/{name}")
    Object delete(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.delete(policies, namespace, name, request);
    }
}
