package io.policyledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** What an administrator's curl would do against a server under test. */
public final class TestApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Response ok() {
            if (status < 200 || status > 201) {
                throw new AssertionError("expected success: " + status + " " + body);
            }
            return this;
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    public TestApi(URI base, Path ca, String token) {
        this.base = base;
        this.token = token;
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            this.http = HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** Opens a watch; its events arrive as they are sent, until the server or the connection ends it. */
    public Watch watch(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<java.util.stream.Stream<String>> r =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            return new Watch(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A watch's events, one JSON object per line, read on a thread of their own. */
    public static final class Watch implements AutoCloseable {

        private static final JsonNode END = MissingNode.getInstance();
        private final int status;
        private final java.util.stream.Stream<String> lines;
        private final java.util.concurrent.BlockingQueue<JsonNode> events =
                new java.util.concurrent.LinkedBlockingQueue<>();

        Watch(int status, java.util.stream.Stream<String> lines) {
            this.status = status;
            this.lines = lines;
            Thread reader = new Thread(
                    () -> {
                        try {
                            lines.filter(l -> !l.isBlank()).forEach(l -> {
                                try {
                                    events.add(JSON.readTree(l));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                        } catch (RuntimeException ended) {
                            // the connection broke (e.g. the server was killed): the watch ends here
                        } finally {
                            events.add(END);
                        }
                    },
                    "test-watch");
            reader.setDaemon(true);
            reader.start();
        }

        public int status() {
            return status;
        }

        /** The next event, or null if the watch ended or nothing came within {@code timeout}. */
        public JsonNode next(Duration timeout) throws InterruptedException {
            JsonNode event = events.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (event == END) {
                events.add(END);
                return null;
            }
            return event;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
