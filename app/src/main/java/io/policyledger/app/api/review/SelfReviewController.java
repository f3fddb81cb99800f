package io.policyledger.app.api.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.RequestBodyDecoder;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code authorization.k8s.io/v1} self reviews: what {@code kubectl auth can-i} asks. kubectl sends them
 * as Kubernetes protobuf (it accepts JSON back); JSON and YAML bodies are read as well. Nothing is
 * stored: a review is a question.
 */
@RestController
@RequestMapping(path = "/apis/authorization.k8s.io/v1")
class SelfReviewController {

    private static final String API_VERSION = "authorization.k8s.io/v1";
    private static final List<String> DISCOVERY_URLS =
            List.of("/api", "/api/*", "/apis", "/apis/*", "/version", "/openapi/*");

    private final RequestBodyDecoder decoder;
    private final CallerResolver callers;
    private final AccessQuestions questions;
    private final ObjectMapper json = new ObjectMapper();

    SelfReviewController(RequestBodyDecoder decoder, CallerResolver callers, AccessQuestions questions) {
        this.decoder = decoder;
        this.callers = callers;
        this.questions = questions;
    }

    @PostMapping("/selfsubjectaccessreviews")
    ResponseEntity<ObjectNode> accessReview(HttpServletRequest request) {
        AccessQuestions.Question question;
        String path = "";
        String nonResourceVerb = "";
        if (isProtobuf(request)) {
            KubernetesProtobuf.Message spec = KubernetesProtobuf.unwrap(
                            decoder.readRaw(request), "SelfSubjectAccessReview")
                    .message(2);
            KubernetesProtobuf.Message ra = spec.message(1);
            KubernetesProtobuf.Message nra = spec.message(2);
            question = new AccessQuestions.Question(
                    ra.string(2), ra.string(3), ra.string(4), ra.string(5), ra.string(6), ra.string(7), ra.string(1));
            if (spec.has(2)) {
                path = nra.string(1);
                nonResourceVerb = nra.string(2);
            }
        } else {
            JsonNode spec = decoder.readTree(decoder.readRaw(request), request).path("spec");
            JsonNode ra = spec.path("resourceAttributes");
            question = new AccessQuestions.Question(
                    ra.path("verb").asText(""),
                    ra.path("group").asText(""),
                    ra.path("version").asText(""),
                    ra.path("resource").asText(""),
                    ra.path("subresource").asText(""),
                    ra.path("name").asText(""),
                    ra.path("namespace").asText(""));
            if (spec.has("nonResourceAttributes")) {
                path = spec.at("/nonResourceAttributes/path").asText("");
                nonResourceVerb = spec.at("/nonResourceAttributes/verb").asText("");
            }
        }
        Caller caller = callers.current();
        ObjectNode out =
                json.createObjectNode().put("kind", "SelfSubjectAccessReview").put("apiVersion", API_VERSION);
        out.putObject("metadata");
        ObjectNode spec = out.putObject("spec");
        AccessQuestions.Answer answer;
        if (!path.isEmpty()) {
            spec.putObject("nonResourceAttributes").put("path", path).put("verb", nonResourceVerb);
            String asked = path;
            boolean discovery =
                    nonResourceVerb.equals("get") && DISCOVERY_URLS.stream().anyMatch(u -> matches(u, asked));
            answer = discovery || caller.unrestricted()
                    ? new AccessQuestions.Answer(true, "allowed by the access policy")
                    : new AccessQuestions.Answer(false, "only discovery paths are open to every caller");
        } else {
            if (question.verb().isEmpty() || question.resource().isEmpty()) {
                throw ApiException.invalidField(
                        "SelfSubjectAccessReview",
                        "spec.resourceAttributes",
                        question.verb(),
                        "a verb and a resource (or nonResourceAttributes with a path) are required");
            }
            spec.putObject("resourceAttributes")
                    .put("namespace", question.namespace())
                    .put("verb", question.verb())
                    .put("group", question.group())
                    .put("version", question.version())
                    .put("resource", question.resource())
                    .put("subresource", question.subresource())
                    .put("name", question.name());
            answer = questions.ask(caller, question);
        }
        out.putObject("status").put("allowed", answer.allowed()).put("reason", answer.reason());
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(out);
    }

    @PostMapping("/selfsubjectrulesreviews")
    ResponseEntity<ObjectNode> rulesReview(HttpServletRequest request) {
        String namespace;
        if (isProtobuf(request)) {
            namespace = KubernetesProtobuf.unwrap(decoder.readRaw(request), "SelfSubjectRulesReview")
                    .message(2)
                    .string(1);
        } else {
            namespace = decoder.readTree(decoder.readRaw(request), request)
                    .at("/spec/namespace")
                    .asText("");
        }
        if (namespace.isEmpty()) {
            throw ApiException.invalidField(
                    "SelfSubjectRulesReview",
                    "spec.namespace",
                    namespace,
                    "the namespace whose rules are listed is required");
        }
        Caller caller = callers.current();
        ObjectNode out =
                json.createObjectNode().put("kind", "SelfSubjectRulesReview").put("apiVersion", API_VERSION);
        out.putObject("metadata");
        out.putObject("spec").put("namespace", namespace);
        ObjectNode status = out.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        for (AccessQuestions.Rule rule : questions.rules(caller, namespace)) {
            ObjectNode r = resourceRules.addObject();
            ArrayNode verbs = r.putArray("verbs");
            rule.verbs().forEach(verbs::add);
            r.putArray("apiGroups").add(rule.group());
            r.putArray("resources").add(rule.resource());
        }
        ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
        nonResource.putArray("verbs").add("get");
        ArrayNode urls = nonResource.putArray("nonResourceURLs");
        DISCOVERY_URLS.forEach(urls::add);
        status.put("incomplete", false);
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(out);
    }

    private static boolean matches(String pattern, String path) {
        return pattern.endsWith("/*")
                ? path.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(path);
    }

    private static boolean isProtobuf(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.startsWith(KubernetesProtobuf.CONTENT_TYPE);
    }
}
