package io.policyledger.app.api;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Kubernetes {@code Warning} headers (code 299) on the current response, each text once. */
final class Warnings {

    private Warnings() {}

    static void add(List<String> texts) {
        if (texts.isEmpty()
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletResponse response = attributes.getResponse();
        if (response == null) {
            return;
        }
        for (String text : texts) {
            String header = "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            if (!response.getHeaders("Warning").contains(header)) {
                response.addHeader("Warning", header);
            }
        }
    }
}
