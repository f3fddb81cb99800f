package io.policyledger.app.tls;

import io.policyledger.app.PolicyLedgerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTPS by default, with the server's own certificate ({@link ServerCertificate}) unless
 * {@code server.ssl.*} configures another one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    /** Where the generated certificate lives. */
    public static Path directory(PolicyLedgerProperties app) {
        return app.dataDir().resolve("tls");
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> serverCertificate(
            TlsProperties tls, PolicyLedgerProperties app, ServerProperties server) {
        return factory -> {
            if (!tls.enabled()
                    || (server.getSsl() != null
                            && server.getSsl().isEnabled()
                            && server.getSsl().getKeyStore() != null)) {
                return;
            }
            Path dir = directory(app);
            ServerCertificate.ensure(dir, tls.hostnames());
            Ssl ssl = new Ssl();
            ssl.setEnabled(true);
            ssl.setKeyStore(dir.resolve(ServerCertificate.KEYSTORE).toUri().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyAlias(ServerCertificate.ALIAS);
            try {
                ssl.setKeyStorePassword(ServerCertificate.password(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            factory.setSsl(ssl);
            log.info(
                    "serving HTTPS with the server's own certificate; clients trust {}",
                    dir.resolve(ServerCertificate.CA));
        };
    }
}
