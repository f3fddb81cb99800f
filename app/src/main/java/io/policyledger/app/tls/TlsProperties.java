package io.policyledger.app.tls;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled   serve HTTPS (the default). Bearer tokens must not travel in clear text, and kubectl
 *                  does not even send them to a plain-HTTP server. Turn off only behind a proxy that
 *                  terminates TLS.
 * @param hostnames names (besides localhost and the loopback addresses) the generated certificate is valid for
 */
@ConfigurationProperties("policy-ledger.tls")
public record TlsProperties(Boolean enabled, List<String> hostnames) {

    public TlsProperties {
        enabled = enabled == null || enabled;
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
}
