package io.policyledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.policyledger.app.testing.ApiClient.Response;
import io.policyledger.app.testing.Bodies;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a request must be before anything is decided, through HTTP: a body that parses, of the right media
 * type, size, kind and version, naming the object the URL names, with no unknown or duplicate field (as
 * {@code fieldValidation} says); methods and paths the API has. Each refusal is a Status with the right code,
 * and stores nothing.
 */
class RequestValidationIT extends OneAppPerClass {

    @Test
    void aBodyNamingAnotherObjectThanTheUrlIsABadRequest() {
        createNamespace("url-name");
        Response r = api.put("/api/v1/namespaces/url-name", "{\"metadata\":{\"name\":\"other\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/reason")).isEqualTo("BadRequest");
        assertThat(r.text("/message")).contains("does not match the name on the URL");
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        createNamespace("strict");
        long events = app.eventCount();
        Response r = api.post(
                NP + "strict/networkpolicies",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"podSelector\":{},\"ingres\":[]}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/message")).isEqualTo("strict decoding error: unknown field \"spec.ingres\"");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aDuplicateFieldIsRefused() {
        Response r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"dup\",\"name\":\"dup2\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("/message")).contains("Duplicate field 'name'");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        createNamespace("malformed");
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":").status()).isEqualTo(400);
        Response typed = api.post(
                NP + "malformed/networkpolicies",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"ingress\":[{\"ports\":[{\"port\":true}]}]}}");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.text("/message")).contains("spec.ingress[0].ports[0].port");
        Response floaty = api.post(
                "/api/v1/namespaces/malformed/pods",
                "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":80.5}]}]}}");
        assertThat(floaty.status()).isEqualTo(400);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedAsTooLarge() {
        long events = app.eventCount();
        byte[] body = ("{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        Response r = api.post("/api/v1/namespaces", "application/json", body);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text("/reason")).isEqualTo("RequestEntityTooLarge");
        assertThat(app.eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyInAnotherFormatIsAnUnsupportedMediaType() {
        Response r = api.post("/api/v1/namespaces", "text/plain", "name: x");

        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("/reason")).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void aBodyOfAnotherKindOrVersionIsABadRequest() {
        createNamespace("typemeta");
        Response kind = api.post(
                "/api/v1/namespaces/typemeta/pods",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"p\"}}");
        Response version = api.post(
                NP + "typemeta/networkpolicies",
                "{\"apiVersion\":\"networking.k8s.io/v2\",\"metadata\":{\"name\":\"p\"},\"spec\":{}}");

        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.text("/message")).contains("kind");
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.text("/message")).contains("API version");
    }

    @Test
    void aResourceVersionOnCreateIsInvalid() {
        Response r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"with-rv\",\"resourceVersion\":\"5\"}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/causes/0/field").asText()).isEqualTo("metadata.resourceVersion");
    }

    @Test
    void fieldValidationDecidesWhatAnUnknownFieldDoes() {
        String body = "{\"metadata\":{\"name\":\"%s\",\"labels\":{\"policyledger.io/tenant\":\"" + Bodies.DEFAULT_TENANT
                + "\"},\"colour\":\"red\"}}";
        Response strict = api.post("/api/v1/namespaces?fieldValidation=Strict", body.formatted("fv-strict"));
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.text("/message")).contains("unknown field \"metadata.colour\"");

        Response warned = api.post("/api/v1/namespaces?fieldValidation=Warn", body.formatted("fv-warn"));
        assertThat(warned.status()).isEqualTo(201);
        assertThat(warned.headers().allValues("Warning"))
                .containsExactly("299 - \"unknown field \\\"metadata.colour\\\"\"");

        Response ignored = api.post("/api/v1/namespaces?fieldValidation=Ignore", body.formatted("fv-ignore"));
        assertThat(ignored.status()).isEqualTo(201);
        assertThat(ignored.headers().allValues("Warning")).isEmpty();

        assertThat(api.post("/api/v1/namespaces?fieldValidation=Loose", body.formatted("fv-loose"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anUnsupportedMethodIsMethodNotAllowed() {
        createNamespace("methods");
        Response r = api.post("/api/v1/namespaces/methods", "{}");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.text("/reason")).isEqualTo("MethodNotAllowed");
    }

    @Test
    void anUnknownPathIsNotFoundAsAStatus() {
        Response r = api.get("/apis/example.com/v1/widgets");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("/kind")).isEqualTo("Status");
        assertThat(r.text("/reason")).isEqualTo("NotFound");
    }

    @Test
    void aDeleteBodyInAnotherFormatIsRefusedNotIgnored() {
        String rv = createNamespace("form-delete");
        Response r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/namespaces/form-delete"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(
                        "DELETE",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"preconditions\":{\"resourceVersion\":\"" + (Long.parseLong(rv) - 1) + "\"}}")));

        assertThat(r.status()).isEqualTo(415);
        assertThat(api.get("/api/v1/namespaces/form-delete").status()).isEqualTo(200);
    }

    @Test
    void missingOrNullMetadataIsAClientErrorNotAServerError() {
        createNamespace("nometa");
        assertThat(api.post("/api/v1/namespaces/nometa/pods", "{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}")
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":null}").status())
                .isEqualTo(422);
        assertThat(api.put("/api/v1/namespaces/nometa", "{}").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/namespaces/nometa", "application/merge-patch+json", "{\"metadata\":null}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces?limit=2147483647").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces?limit=99999999999").status()).isEqualTo(200);
    }

    @Test
    void aNumberOrBooleanWhereAStringBelongsIsRefused() {
        Response number = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"typed\",\"labels\":{\"a\":1}}}");
        Response yaml = api.post(
                "/api/v1/namespaces", "application/yaml", "metadata:\n  name: typed\n  labels:\n    enabled: true\n");

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.text("/message")).contains("metadata.labels");
        assertThat(yaml.status()).isEqualTo(400);
    }
}
