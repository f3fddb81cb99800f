package io.policyledger.app.security;

import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.tls.TlsConfiguration;
import io.policyledger.app.tls.TlsProperties;
import io.policyledger.command.write.Attribution;
import io.policyledger.core.access.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * On first start (no usable {@code admin.kubeconfig} in the data dir) the server issues a platform-admin
 * credential for itself and writes it, with the server's URL, as a kubeconfig readable by its owner only.
 * On later starts it keeps the credential if it is still live and only refreshes the URL. With HTTPS
 * (the default) the kubeconfig also carries the server's certificate, so kubectl trusts it. The token
 * is never logged; the file's path is.
 */
@Component
class AdminCredentialBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminCredentialBootstrap.class);
    private static final Pattern TOKEN = Pattern.compile("(?m)^\\s*token:\\s*(\\S+)\\s*$");
    static final String FILE = "admin.kubeconfig";

    private final TokenService tokens;
    private final TokenMinter minter;
    private final PolicyLedgerProperties app;
    private final SecurityProperties security;
    private final TlsProperties tls;
    private final JwtDecoder decoder;

    AdminCredentialBootstrap(
            TokenService tokens,
            TokenMinter minter,
            PolicyLedgerProperties app,
            SecurityProperties security,
            TlsProperties tls,
            JwtDecoder decoder) {
        this.tls = tls;
        this.decoder = decoder;
        this.tokens = tokens;
        this.minter = minter;
        this.app = app;
        this.security = security;
    }

    @EventListener
    void onReady(ApplicationReadyEvent ready) throws IOException {
        if (!minter.canMint() || !(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        Path file = app.dataDir().resolve(FILE);
        Path ca = TlsConfiguration.directory(app).resolve("ca.crt");
        boolean https = tls.enabled() && Files.exists(ca);
        String server = (https ? "https" : "http") + "://localhost:"
                + web.getWebServer().getPort();
        String caData = https ? Base64.getEncoder().encodeToString(Files.readAllBytes(ca)) : null;
        String token = existingLiveToken(file);
        if (token == null) {
            token = tokens.issuePlatformAdmin(
                    "admin", security.adminTokenValidity(), new Attribution(Caller.SYSTEM, "bootstrap", "localhost"));
            log.info("issued a platform-admin credential; kubeconfig written to {}", file);
        }
        write(file, kubeconfig(server, caData, token));
    }

    private String existingLiveToken(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Matcher m = TOKEN.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (!m.find()) {
            return null;
        }
        String token = m.group(1);
        try {
            // The full check of a request: signature with the current key, expiry, issuer, registry.
            decoder.decode(token);
            return token;
        } catch (JwtException e) {
            return null;
        }
    }

    static String kubeconfig(String server, String caData, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: policy-ledger
                  cluster:
                    server: %s
                %susers:
                - name: platform-admin
                  user:
                    token: %s
                contexts:
                - name: policy-ledger
                  context:
                    cluster: policy-ledger
                    user: platform-admin
                current-context: policy-ledger
                """.formatted(server, caData == null ? "" : "    certificate-authority-data: " + caData + "\n", token);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".kubeconfig",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
