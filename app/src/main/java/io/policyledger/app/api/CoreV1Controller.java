package io.policyledger.app.api;

import io.policyledger.app.api.wire.NamespaceObject;
import io.policyledger.app.api.wire.ObjectList;
import io.policyledger.app.api.wire.PodObject;
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

/** The core API group, {@code /api/v1}: Namespaces and Pods. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class CoreV1Controller {

    private final ResourceOperations operations;
    private final NamespaceResource namespaces;
    private final PodResource pods;

    CoreV1Controller(ResourceOperations operations, NamespaceResource namespaces, PodResource pods) {
        this.operations = operations;
        this.namespaces = namespaces;
        this.pods = pods;
    }

    @GetMapping("/namespaces")
    ObjectList<NamespaceObject> listNamespaces(HttpServletRequest request) {
        return operations.list(namespaces, null, request);
    }

    @PostMapping("/namespaces")
    ResponseEntity<?> createNamespace(HttpServletRequest request) {
        return operations.create(namespaces, null, request);
    }

    @GetMapping("/namespaces/{name}")
    NamespaceObject getNamespace(@PathVariable String name, HttpServletRequest request) {
        return operations.get(namespaces, null, name, request);
    }

    @PutMapping("/namespaces/{name}")
    Object replaceNamespace(@PathVariable String name, HttpServletRequest request) {
        return operations.replace(namespaces, null, name, ResourceOperations.Part.MAIN, request);
    }

    @PatchMapping("/namespaces/{name}")
    Object patchNamespace(@PathVariable String name, HttpServletRequest request) {
        return operations.patch(namespaces, null, name, ResourceOperations.Part.MAIN, request);
    }

    @DeleteMapping("/namespaces/{name}")
    Object deleteNamespace(@PathVariable String name, HttpServletRequest request) {
        return operations.delete(namespaces, null, name, request);
    }

    @GetMapping("/pods")
    ObjectList<PodObject> listPodsInAllNamespaces(HttpServletRequest request) {
        return operations.list(pods, null, request);
    }

    @GetMapping("/namespaces/{namespace}/pods")
    ObjectList<PodObject> listPods(@PathVariable String namespace, HttpServletRequest request) {
        return operations.list(pods, namespace, request);
    }

    @PostMapping("/namespaces/{namespace}/pods")
    ResponseEntity<?> createPod(@PathVariable String namespace, HttpServletRequest request) {
        return operations.create(pods, namespace, request);
    }

    @GetMapping("/namespaces/{namespace}/pods/{name}")
    PodObject getPod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.get(pods, namespace, name, request);
    }

    @PutMapping("/namespaces/{namespace}/pods/{name}")
    Object replacePod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.replace(pods, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @PatchMapping("/namespaces/{namespace}/pods/{name}")
    Object patchPod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.patch(pods, namespace, name, ResourceOperations.Part.MAIN, request);
    }

    @GetMapping("/namespaces/{namespace}/pods/{name}/status")
    PodObject getPodStatus(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.get(pods, namespace, name, request);
    }

    @PutMapping("/namespaces/{namespace}/pods/{name}/status")
    Object replacePodStatus(@PathVariable String namespace, @PathVariable String name,
                               HttpServletRequest request) {
        return operations.replace(pods, namespace, name, ResourceOperations.Part.STATUS, request);
    }

    @PatchMapping("/namespaces/{namespace}/pods/{name}/status")
    Object patchPodStatus(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.patch(pods, namespace, name, ResourceOperations.Part.STATUS, request);
    }

    @DeleteMapping("/namespaces/{namespace}/pods/{name}")
    Object deletePod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request) {
        return operations.delete(pods, namespace, name, request);
    }
}
