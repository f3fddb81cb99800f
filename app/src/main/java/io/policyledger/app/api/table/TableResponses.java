package io.policyledger.app.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.api.ResourceDefinitions;
import io.policyledger.app.api.Status;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Turns any object or list answered for a registered resource into a Table when the client asked for one,
 * so no controller needs to know about printing.
 */
@RestControllerAdvice
class TableResponses implements ResponseBodyAdvice<Object> {

    private final Tables tables;
    private final ObjectMapper json = new ObjectMapper();

    TableResponses(Tables tables) {
        this.tables = tables;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body == null || body instanceof Status || !(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        HttpServletRequest http = servlet.getServletRequest();
        if (!"GET".equals(http.getMethod()) || !Tables.requested(http)) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        if (!tree.isObject()
                || "Status".equals(tree.path("kind").asText())
                || "Table".equals(tree.path("kind").asText())) {
            return body;
        }
        return ResourceDefinitions.matchedResource(http)
                .<Object>map(resource -> {
                    response.getHeaders().setContentType(Tables.TABLE);
                    return tables.of(resource, tree, http);
                })
                .orElse(body);
    }
}
