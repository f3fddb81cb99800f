package io.policyledger.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.protocol.NodeStatusReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's side of the API: its node's rule stream and its status report. Several servers may be
 * named (instances of one service): on a failure the next one is tried, and a watch resumes there from
 * the same revision (every instance serves the same stream).
 */
final class ServerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> servers;
    private final String token;
    private final String node;
    private final HttpClient http;
    private int current;

    ServerClient(List<URI> servers, String token, String node, List<Path> certificateAuthorities) throws IOException {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server");
        }
        this.servers = List.copyOf(servers);
        this.token = token;
        this.node = node;
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1);
        if (!certificateAuthorities.isEmpty()) {
            builder.sslContext(trusting(certificateAuthorities));
        }
        this.http = builder.build();
    }

    URI server() {
        return servers.get(current);
    }

    /** After a failure: the next server, if there are several. */
    void failOver() {
        current = (current + 1) % servers.size();
    }

    /** An open watch, or a refusal (status and body). */
    record Watch(int status, String refusal, BufferedReader lines, InputStream body) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (body != null) {
                    body.close();
                }
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Opens the node's watch; a server that does not answer within {@code timeout} counts as failed. */
    Watch watch(long revision, Duration timeout) throws IOException, InterruptedException {
        String query = "?watch=true" + (revision >= 0 ? "&resourceVersion=" + revision : "");
        HttpRequest request = HttpRequest.newBuilder(
                        server().resolve("/apis/policyledger.io/v1/nodes/" + node + "/rules" + query))
                .header("Authorization", "Bearer " + token)
                .timeout(timeout)
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                return new Watch(
                        response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), null, null);
            }
        }
        return new Watch(
                200,
                null,
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)),
                response.body());
    }

    void reportStatus(long enforcedRevision, String message) throws IOException, InterruptedException {
        String status = JSON.writeValueAsString(NodeStatusReport.of(enforcedRevision, message));
        HttpRequest request = HttpRequest.newBuilder(
                        server().resolve("/apis/policyledger.io/v1/nodes/" + node + "/status"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(status))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status report refused: " + response.statusCode() + " " + response.body());
        }
    }

    private static SSLContext trusting(List<Path> pems) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int i = 0;
            for (Path pem : pems) {
                try (InputStream in = Files.newInputStream(pem)) {
                    for (Certificate certificate : x509.generateCertificates(in)) {
                        trust.setCertificateEntry("ca-" + i++, certificate);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + pems + ": " + e.getMessage(), e);
        }
    }
}
