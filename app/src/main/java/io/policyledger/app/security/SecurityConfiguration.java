package io.policyledger.app.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.command.token.TokenRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Every request is authenticated by a bearer JWT (Spring Security's OAuth2 resource server) and then
 * decided by the {@link AccessPolicy}; health probes are the only route answered without a token.
 *
 * <pre>
 *   request -> BearerTokenAuthenticationFilter (signature RS256, exp, iss, registry: live?) -> Caller
 *           -> AuthorizationFilter (AccessPolicy: allow / 403 / 404) -> RequestRateLimiter -> controllers
 * </pre>
 * By default the server signs its own tokens with a key in the data dir; with
 * {@code policy-ledger.security.jwk-set-uri} it trusts an external issuer's keys instead (and mints none).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    TokenMinter tokenMinter(SecurityProperties security, PolicyLedgerProperties app) {
        RSAKey key = security.jwkSetUri() != null ? null : SigningKey.loadOrCreate(signingKeyFile(security, app));
        return new TokenMinter(key, security.issuer());
    }

    @Bean
    AuditKey auditKey(TokenMinter minter, PolicyLedgerProperties app) {
        return new AuditKey(
                minter.key() != null
                        ? minter.key()
                        : SigningKey.loadOrCreate(app.dataDir().resolve("audit-signing-key.json")));
    }

    /** How long a verified token signature is remembered (claims and registry are checked on every request). */
    private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties security, TokenMinter minter, TokenRegistry registry, Clock clock)
            throws JOSEException {
        if (security.jwkSetUri() != null) {
            NimbusJwtDecoder external = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
            List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
            validators.add(new JwtIssuerValidator(security.externalIssuer()));
            if (security.externalAudience() != null
                    && !security.externalAudience().isBlank()) {
                validators.add(new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(security.externalAudience())));
            }
            OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(validators);
            external.setJwtValidator(validator);
            return new VerifiedTokenCache(external, validator, clock, REMEMBER_VERIFIED);
        }
        NimbusJwtDecoder own = NimbusJwtDecoder.withPublicKey(minter.key().toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuer()), new LiveTokenValidator(registry, clock));
        own.setJwtValidator(validator);
        return new VerifiedTokenCache(own, validator, clock, REMEMBER_VERIFIED);
    }

    /**
     * Spring's strict firewall, with the same rule for header values (no control characters, no unassigned
     * code points) checked by a loop instead of its regular expression: a request's Authorization header
     * (a JWT of ~800 characters) is read several times per request, and the regex cost more than the
     * request's own work.
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfiguration::isPrintable);
        return web -> web.httpFirewall(firewall);
    }

    static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); ) {
            char ascii = value.charAt(i);
            if (ascii >= 0x20 && ascii < 0x7f) {
                i++;
                continue;
            }
            int c = value.codePointAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /**
     * No observation (timer and span) around each of the security filters and their authentication and
     * authorization steps: under load those wrappers cost more than the filters' own work. Requests are
     * still observed as a whole.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            AccessPolicy policy,
            StatusResponses responses,
            SecurityProperties security,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry registry)
            throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                // Security headers go out before the handler runs: written after it, they race with a
                // streamed (watch) response committed by its own thread, which corrupts the header block.
                .headers(h -> h.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .anonymous(a -> {})
                .authorizeHttpRequests(a -> a.anyRequest().access(policy))
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(new JwtCallerConverter(
                                security.jwkSetUri() == null || security.externalPlatformAdmin())))
                        .authenticationEntryPoint(responses.unauthorized())
                        .accessDeniedHandler(responses.denied()))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(responses.unauthorized()).accessDeniedHandler(responses.denied()))
                .addFilterAfter(new RequestRateLimiter(security, clock, responses, registry), AuthorizationFilter.class)
                .build();
    }

    private static Path signingKeyFile(SecurityProperties security, PolicyLedgerProperties app) {
        return security.signingKeyFile() != null
                ? security.signingKeyFile()
                : app.dataDir().resolve("jwt-signing-key.json");
    }
}
