package io.policyledger.app.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Collects the paths of the fields a lenient decoding skipped ({@code spec.ingress[0].form}). */
final class UnknownFields extends DeserializationProblemHandler {

    private final List<String> paths = new ArrayList<>();

    List<String> paths() {
        return paths;
    }

    @Override
    public boolean handleUnknownProperty(
            DeserializationContext ctxt,
            JsonParser p,
            JsonDeserializer<?> deserializer,
            Object beanOrClass,
            String propertyName)
            throws IOException {
        paths.add(pathOf(p.getParsingContext()));
        p.skipChildren();
        return true;
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String part : parts) {
            if (!s.isEmpty() && !part.startsWith("[")) {
                s.append('.');
            }
            s.append(part);
        }
        return s.toString();
    }
}
