package io.policyledger.app.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code java -jar app/target/policy-ledger.jar rebuild [--verify-only] [--kubeconfig=F]}: asks the running
 * server to rebuild its read models ({@code POST audit/rebuilds}) and prints the progress until it ends.
 * The server, its CA and the platform admin's token come from the kubeconfig (default: the one the server
 * wrote, {@code data/admin.kubeconfig}). The rebuild runs in the server, which holds its own projections
 * during the switch; this command only follows it (interrupting it does not stop the rebuild).
 * Exit status 0: done (switched, or verified); 1: the rebuild failed; 2: could not ask.
 */
public final class RebuildCommand {

    private static final Pattern SERVER = Pattern.compile("server:\\s*(\\S+)");
    private static final Pattern CA = Pattern.compile("certificate-authority-data:\\s*(\\S+)");
    private static final Pattern TOKEN = Pattern.compile("token:\\s*(\\S+)");
    private static final String REBUILDS = "/apis/policyledger.io/v1/audit/rebuilds";

    private RebuildCommand() {}

    public static int rebuild(String[] args, PrintStream out) {
        boolean verifyOnly = false;
        Path kubeconfig = Path.of("data", "admin.kubeconfig");
        for (String arg : args) {
            if (arg.equals("--verify-only")) {
                verifyOnly = true;
            } else if (arg.startsWith("--kubeconfig=")) {
                kubeconfig = Path.of(arg.substring("--kubeconfig=".length()));
            } else if (arg.startsWith("--policy-ledger.data-dir=")) {
                kubeconfig = Path.of(arg.substring("--policy-ledger.data-dir=".length()), "admin.kubeconfig");
            } else {
                out.println("unknown option " + arg + "; usage: rebuild [--verify-only] [--kubeconfig=F]");
                return 2;
            }
        }
        ObjectMapper json = new ObjectMapper();
        try {
            String config = Files.readString(kubeconfig);
            String server = find(SERVER, config, "server", kubeconfig);
            String token = find(TOKEN, config, "token", kubeconfig);
            Matcher ca = CA.matcher(config);
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
            if (ca.find()) {
                builder.sslContext(trusting(Base64.getDecoder().decode(ca.group(1))));
            }
            HttpClient http = builder.build();
            HttpResponse<String> started = http.send(
                    HttpRequest.newBuilder(URI.create(server + REBUILDS))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"spec\":{\"verifyOnly\":" + verifyOnly + "}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                out.println("cannot start a rebuild (" + started.statusCode() + "): "
                        + json.readTree(started.body()).path("message").asText(started.body()));
                return 2;
            }
            String name = json.readTree(started.body()).at("/metadata/name").asText();
            out.println("rebuild " + name + " started" + (verifyOnly ? " (verify only)" : ""));
            String lastPhase = "";
            while (true) {
                Thread.sleep(1000);
                JsonNode status = json.readTree(http.send(
                                        HttpRequest.newBuilder(URI.create(server + REBUILDS + "/" + name))
                                                .header("Authorization", "Bearer " + token)
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .path("status");
                String phase = status.path("phase").asText();
                if (status.has("finishedAt")) {
                    status.path("differences")
                            .fields()
                            .forEachRemaining(t -> out.printf(
                                    "  %-28s %d rows only live, " + "%d only rebuilt%n",
                                    t.getKey(),
                                    t.getValue().path("onlyLive").asLong(),
                                    t.getValue().path("onlyRebuilt").asLong()));
                    out.println(phase + ": " + status.path("message").asText());
                    return phase.equals("Succeeded") ? 0 : 1;
                }
                if (phase.equals("Replaying") || !phase.equals(lastPhase)) {
                    out.printf(
                            "%s: %,d of %,d events, %,d events/s%s%n",
                            phase,
                            status.path("eventsDone").asLong(),
                            status.path("eventsTotal").asLong(),
                            status.path("eventsPerSecond").asLong(),
                            status.has("etaSeconds")
                                    ? ", about " + status.path("etaSeconds").asLong() + " s left"
                                    : "");
                }
                lastPhase = phase;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted; the rebuild goes on in the server");
            return 2;
        } catch (Exception e) {
            out.println("cannot rebuild: " + e.getMessage());
            return 2;
        }
    }

    private static String find(Pattern pattern, String config, String what, Path file) {
        Matcher m = pattern.matcher(config);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " in " + file);
        }
        return m.group(1);
    }

    private static SSLContext trusting(byte[] pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry(
                "policy-ledger-ca",
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem)));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }
}
