package io.policyledger.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A plain HTTP client for the API under test: what a curl user or kubectl would send. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final SSLContext tls;
    private final HttpClient http;

    /**
     * @param tls   trust for the server's certificate, or null for plain HTTP
     * @param token the bearer token sent with every request, or null to send none
     */
    public ApiClient(int port, SSLContext tls, String token) {
        this.base = (tls == null ? "http" : "https") + "://localhost:" + port;
        this.tls = tls;
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The same server, with another credential (null: none). */
    public ApiClient as(String otherToken) {
        return new ApiClient(URI.create(base).getPort(), tls, otherToken);
    }

    /** An SSL context trusting exactly the given PEM certificate. */
    public static SSLContext trusting(Path pemCertificate) {
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("policy-ledger", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + pemCertificate, e);
        }
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }

        public String text(String jsonPointer) {
            return json().at(jsonPointer).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response delete(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Opens a watch (a streamed GET); the stream stays open until closed or ended by the server. */
    public WatchStream watch(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return WatchStream.open(http, request.build());
    }

    public Response send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** The credential's id (its {@code jti}), by which it is revoked. */
    public static String tokenId(String token) {
        try {
            byte[] claims = java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(claims)
                    .get("jti")
                    .asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
