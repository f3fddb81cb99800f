package io.policyledger.app.web;

import io.policyledger.command.write.Attribution;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The one place that says who is making a request, for attribution on events. Until authentication
 * exists every caller is {@code system:anonymous}; the request id and source address are real.
 */
@Component
public class CallerResolver {

    static final String ANONYMOUS = "system:anonymous";

    public Attribution attributionOf(HttpServletRequest request) {
        return new Attribution(ANONYMOUS, RequestIdFilter.of(request), request.getRemoteAddr());
    }
}
