package io.policyledger.app.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A column of the server-side table that {@code kubectl get} prints: its definition as
 * {@code meta.k8s.io/v1} Table column definitions carry it, and how a cell is read from an object as it
 * is shown on the wire. Priority 0 columns are printed by default, higher ones only with {@code -o wide}.
 */
public record TableColumn(String name, String type, String format, int priority, String description, Cell cell) {

    /** A cell's value for an object (its wire form) at a moment (for ages). */
    @FunctionalInterface
    public interface Cell {
        Object of(JsonNode object, Instant now);
    }

    public static TableColumn objectName() {
        return new TableColumn(
                "Name",
                "string",
                "name",
                0,
                "Name must be unique within a namespace. More info: "
                        + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
                (o, now) -> o.path("metadata").path("name").asText(""));
    }

    public static TableColumn objectAge() {
        return new TableColumn(
                "Age",
                "string",
                "",
                0,
                "CreationTimestamp is a timestamp representing the server time when this object was created.",
                (o, now) -> ageOf(o.path("metadata").path("creationTimestamp").asText(""), now));
    }

    /** A string column read at a JSON pointer ({@code /status/phase}); absent values print as {@code <none>}. */
    public static TableColumn text(String name, int priority, String description, String pointer) {
        return new TableColumn(name, "string", "", priority, description, (o, now) -> {
            JsonNode value = o.at(pointer);
            if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
                return "<none>";
            }
            return value.isValueNode() ? value.asText() : value.toString();
        });
    }

    public static TableColumn custom(String name, String type, int priority, String description, Cell cell) {
        return new TableColumn(name, type, "", priority, description, cell);
    }

    /** Kubernetes' short human durations ({@code 45s}, {@code 5m12s}, {@code 3h4m}, {@code 12d}, {@code 2y}). */
    public static String ageOf(String timestamp, Instant now) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        Instant created;
        try {
            created = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
        return humanDuration(Duration.between(created, now));
    }

    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
