package io.policyledger.app.database;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outside every other filter: a request that fails because the database cannot be reached, wherever it
 * failed (checking a token's registration, deciding access, or in a controller), is answered 503 with
 * Retry-After, not 500 and not 401. Controllers' own failures are mapped the same way by the API's
 * exception handler; this catches what happens before them.
 */
public final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "request {} {} refused: the database is unavailable ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            response.resetBuffer();
            response.setStatus(503);
            response.setHeader("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), DatabaseUnavailable.status());
        }
    }
}
