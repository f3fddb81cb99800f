package io.policyledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.policyledger.app.PolicyLedgerProperties;
import io.policyledger.app.api.ApiException;
import io.policyledger.app.api.QueryParameters;
import io.policyledger.app.api.Revisions;
import io.policyledger.app.api.registry.ApiResources;
import io.policyledger.app.api.table.Tables;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.core.access.Caller;
import io.policyledger.core.object.Kind;
import io.policyledger.protocol.AuditView.Actor;
import io.policyledger.protocol.AuditView.Event;
import io.policyledger.protocol.AuditView.EventList;
import io.policyledger.protocol.AuditView.ObjectName;
import io.policyledger.query.audit.AuditTrailProjection;
import io.policyledger.query.audit.AuditTrailReader;
import io.policyledger.query.audit.AuditTrailReader.Entry;
import io.policyledger.query.audit.AuditTrailReader.Filter;
import io.policyledger.query.position.ProjectionPositions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail: who changed what, when, from where, with each change (and, for a change to an
 * existing object, what changed against its previous version). Everything for the platform admin
 * ({@code events}); a tenant's objects ({@code tenants/{t}/events}) and one namespace's
 * ({@code namespaces/{ns}/events}) for that tenant, as they were the tenant's at the time. In revision
 * order, paged with {@code limit}/{@code continue}; {@code ?format=ndjson|csv} exports every match.
 *
 * <p>Filters: {@code fromRevision}, {@code toRevision}, {@code since}, {@code until} (RFC 3339),
 * {@code actor}, {@code kind} (e.g. Pod, NetworkPolicy), {@code namespace}, {@code name}, {@code type}
 * (e.g. PodUpdated).
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1")
class AuditTrailController {

    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 5000;

    private final AuditTrailReader reader;
    private final ProjectionPositions positions;
    private final PolicyLedgerProperties ledger;
    private final CallerResolver callers;
    private final Tables tables;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonDiff diff = new JsonDiff(json);

    AuditTrailController(
            AuditTrailReader reader,
            ProjectionPositions positions,
            PolicyLedgerProperties ledger,
            CallerResolver callers,
            Tables tables) {
        this.tables = tables;
        this.reader = reader;
        this.positions = positions;
        this.ledger = ledger;
        this.callers = callers;
    }

    @GetMapping("/events")
    void all(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(filter(request, null, request.getParameter("namespace")), request, response);
    }

    @GetMapping("/tenants/{tenant}/events")
    void ofTenant(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer(filter(request, tenant, request.getParameter("namespace")), request, response);
    }

    @GetMapping("/namespaces/{namespace}/events")
    void ofNamespace(@PathVariable String namespace, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Caller caller = callers.current();
        // A tenant sees a namespace's history while it was theirs, not an earlier owner's.
        answer(filter(request, caller.role().tenantScoped() ? caller.tenant() : null, namespace), request, response);
    }

    private void answer(Filter filter, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long head = positions.logHead();
        if (!positions.await(AuditTrailProjection.NAME, head, ledger.readYourWritesTimeout())) {
            throw ApiException.timeout("the audit trail has not caught up with the log yet; try again");
        }
        String format = request.getParameter("format");
        format = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (format.equals("ndjson") || format.equals("csv")) {
            export(filter, format, response);
            return;
        }
        if (!format.isEmpty() && !format.equals("json")) {
            throw ApiException.badRequest("format must be json, ndjson or csv, not \"" + format + "\"");
        }
        int limit = limit(request.getParameter("limit"));
        List<Entry> page = reader.read(filter, after(request.getParameter("continue")), limit + 1);
        String continueToken = page.size() > limit
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("after:" + page.get(limit - 1).revision()).getBytes(StandardCharsets.UTF_8))
                : null;
        EventList list = EventList.of(
                head, continueToken, page.stream().limit(limit).map(this::show).toList());
        Object body = list;
        if (Tables.requested(request)) {
            body = tables.of(ApiResources.of("policyledger.io/v1", "events"), json.valueToTree(list), request);
            response.setContentType(Tables.TABLE.toString());
        } else {
            response.setContentType("application/json");
        }
        // Serialized whole before the first byte goes out, so a failure is still answered as a Status.
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** Every match, page by page, as NDJSON (one entry per line) or CSV (the who/what/when columns). */
    private void export(Filter filter, String format, HttpServletResponse response) throws IOException {
        response.setContentType(format.equals("csv") ? "text/csv" : "application/x-ndjson");
        OutputStream out = response.getOutputStream();
        if (format.equals("csv")) {
            out.write("revision,time,actor,role,actorTenant,requestId,source,type,kind,namespace,name,tenant\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        long after = 0;
        while (true) {
            List<Entry> page = reader.read(filter, after, MAX_LIMIT);
            for (Entry e : page) {
                String line = format.equals("csv") ? csv(e) : json.writeValueAsString(show(e));
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                after = e.revision();
            }
            if (page.size() < MAX_LIMIT) {
                return;
            }
        }
    }

    private Event show(Entry e) {
        JsonNode change = read(e.payload());
        boolean update = e.previousPayload() != null
                && !e.type().endsWith("Created")
                && !e.type().endsWith("Deleted");
        return new Event(
                e.revision(),
                e.time().toString(),
                new Actor(e.actor(), e.role(), e.actorTenant()),
                e.requestId(),
                e.source(),
                e.type(),
                e.kind() == null ? null : new ObjectName(kindName(e.kind()), e.namespace(), e.name(), e.tenant()),
                change,
                update ? diff.between(read(e.previousPayload()), change) : null);
    }

    private static String kindName(String kind) {
        try {
            Kind k = Kind.valueOf(kind);
            return k == Kind.ALPHA_NETWORK_POLICY ? k.qualifiedKind() : k.kindName();
        } catch (IllegalArgumentException e) {
            return kind;
        }
    }

    private static String csv(Entry e) {
        return String.join(
                ",",
                List.of(
                        Long.toString(e.revision()),
                        e.time().toString(),
                        cell(e.actor()),
                        cell(e.role()),
                        cell(e.actorTenant()),
                        cell(e.requestId()),
                        cell(e.source()),
                        cell(e.type()),
                        cell(e.kind() == null ? null : kindName(e.kind())),
                        cell(e.namespace()),
                        cell(e.name()),
                        cell(e.tenant())));
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches(".*[,\"\\r\\n].*") || !v.equals(value) ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private Filter filter(HttpServletRequest request, String tenant, String namespace) {
        String kind = request.getParameter("kind");
        String kindKey = null;
        if (kind != null && !kind.isEmpty()) {
            for (Kind k : Kind.values()) {
                if (k.kindName().equalsIgnoreCase(kind)
                        || k.qualifiedKind().equalsIgnoreCase(kind)
                        || k.resource().equalsIgnoreCase(kind)
                        || k.name().equalsIgnoreCase(kind)) {
                    kindKey = k.name();
                    break;
                }
            }
            if (kindKey == null) {
                throw ApiException.badRequest("kind \"" + kind + "\" is not a kind the ledger stores");
            }
        }
        return new Filter(
                QueryParameters.revision(request, "fromRevision"),
                QueryParameters.revision(request, "toRevision"),
                QueryParameters.time(request, "since"),
                QueryParameters.time(request, "until"),
                blankToNull(request.getParameter("actor")),
                kindKey,
                blankToNull(namespace),
                blankToNull(request.getParameter("name")),
                blankToNull(request.getParameter("type")),
                tenant);
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        return (int) Math.min(Revisions.parsePositive(value, "limit"), MAX_LIMIT);
    }

    private static long after(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("after:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring("after:".length()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("continue is not a token this server gave");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
