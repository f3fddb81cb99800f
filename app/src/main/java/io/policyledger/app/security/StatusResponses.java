package io.policyledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.Status;
import io.policyledger.app.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * How refusals by the security layer are answered: Kubernetes Status objects, 401 for a missing or
 * unusable credential, 403 or 404 as the access policy decided. Denied writes are logged as one
 * structured line (who, what, why); nothing is stored for them.
 */
@Component
public class StatusResponses {

    private static final Logger log = LoggerFactory.getLogger("policy-ledger.access");

    private final ObjectMapper json = new ObjectMapper();

    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(
                response,
                Status.failure(
                        401,
                        "Unauthorized",
                        "Unauthorized: a valid bearer token is required (" + e.getMessage() + ")",
                        null));
    }

    AccessDeniedHandler denied() {
        return (request, response, e) -> {
            AccessDecision decision = e instanceof AuthorizationDeniedException ade
                            && ade.getAuthorizationResult() instanceof AccessDecision d
                    ? d
                    : AccessDecision.forbidden(e.getMessage());
            logDenial(request, decision.status(), decision.message());
            write(response, Status.failure(decision.status(), decision.reason(), decision.message(), null));
        };
    }

    /** One line per refused write, with its fields also as key-values for structured log formats. */
    public static void logDenial(HttpServletRequest request, int status, String why) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String subject = auth instanceof CallerAuthentication c ? c.caller().subject() : "anonymous";
        String role = auth instanceof CallerAuthentication c ? c.caller().role().wireName() : "none";
        String tenant = auth instanceof CallerAuthentication c && c.caller().tenant() != null
                ? c.caller().tenant()
                : "";
        log.atWarn()
                .addKeyValue("event", "write-denied")
                .addKeyValue("subject", subject)
                .addKeyValue("role", role)
                .addKeyValue("tenant", tenant)
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", request.getRequestURI())
                .addKeyValue("status", status)
                .addKeyValue("requestId", RequestIdFilter.of(request))
                .addKeyValue("source", request.getRemoteAddr())
                .setMessage("write denied: subject={} role={} tenant={} method={} path={} status={} requestId={} "
                        + "source={} reason=\"{}\"")
                .addArgument(subject)
                .addArgument(role)
                .addArgument(tenant)
                .addArgument(request.getMethod())
                .addArgument(request.getRequestURI())
                .addArgument(status)
                .addArgument(RequestIdFilter.of(request))
                .addArgument(request.getRemoteAddr())
                .addArgument(why)
                .log();
    }

    void write(HttpServletResponse response, Status status) throws IOException {
        response.setStatus(status.code());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status.code() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), status);
    }
}
