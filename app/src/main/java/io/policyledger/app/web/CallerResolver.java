package io.policyledger.app.web;

import io.policyledger.app.security.CallerAuthentication;
import io.policyledger.command.write.Attribution;
import io.policyledger.core.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is making the request being served, as the security layer established it. */
@Component
public class CallerResolver {

    /**
     * @throws IllegalStateException if the request is not authenticated, which the security
     *                               configuration rules out for every route that gets here
     */
    public Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof CallerAuthentication caller) {
            return caller.caller();
        }
        throw new IllegalStateException("no authenticated caller for this request");
    }

    public Attribution attributionOf(HttpServletRequest request) {
        return new Attribution(current(), RequestIdFilter.of(request), request.getRemoteAddr());
    }
}
