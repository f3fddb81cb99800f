package io.policyledger.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An open watch: the events the server streams, one JSON object per line, read as they arrive. */
public final class WatchStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode END = JSON.createObjectNode().put("type", "END-OF-STREAM");

    private final int status;
    private final InputStream body;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final String errorBody;

    private WatchStream(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.body = response.body();
        if (status != 200) {
            this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            events.add(END);
            return;
        }
        this.errorBody = null;
        Thread reader = new Thread(this::read, "watch-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static WatchStream open(HttpClient http, HttpRequest request) {
        try {
            return new WatchStream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("watch failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public int status() {
        return status;
    }

    /** The body of a refused watch (a Status). */
    public JsonNode error() {
        try {
            return JSON.readTree(errorBody);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + errorBody, e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the server
        }
        events.add(END);
    }

    /** The next event, or an assertion failure if none comes within {@code timeout}. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no watch event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every event up to and including the first that matches {@code last}. */
    public List<JsonNode> until(Predicate<JsonNode> last, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == END) {
                throw new AssertionError("stream ended after " + out);
            }
            out.add(event);
            if (last.test(event)) {
                return out;
            }
        }
    }

    /** Whether the server ended the stream (within {@code timeout}). */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode event =
                        events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (event == END) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
