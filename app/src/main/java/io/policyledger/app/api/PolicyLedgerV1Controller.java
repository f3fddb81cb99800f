package io.policyledger.app.api;

import io.policyledger.app.api.wire.ListMeta;
import io.policyledger.app.api.wire.ObjectList;
import io.policyledger.app.api.wire.TokenObject;
import io.policyledger.app.security.TokenService;
import io.policyledger.app.web.CallerResolver;
import io.policyledger.query.objects.CurrentObjectReader;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /apis/policyledger.io/v1} credentials: tokens of a tenant and cluster-wide ones (platform admin
 * only). Tenants and cluster settings themselves are object resources served by {@link ObjectRoutes}.
 */
@RestController
@RequestMapping(path = "/apis/policyledger.io/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class PolicyLedgerV1Controller {

    private final ObjectReads reads;
    private final TenantResource tenants;
    private final TokenService tokens;
    private final RequestBodyDecoder decoder;
    private final CallerResolver callers;
    private final CurrentObjectReader reader;

    PolicyLedgerV1Controller(
            ObjectReads reads,
            TenantResource tenants,
            TokenService tokens,
            RequestBodyDecoder decoder,
            CallerResolver callers,
            CurrentObjectReader reader) {
        this.reads = reads;
        this.tenants = tenants;
        this.tokens = tokens;
        this.decoder = decoder;
        this.callers = callers;
        this.reader = reader;
    }

    @PostMapping("/tenants/{tenant}/tokens")
    ResponseEntity<TokenObject> issueToken(@PathVariable String tenant, HttpServletRequest request) {
        reads.get(tenants, null, tenant, request);
        TokenObject asked = decoder.decode(request, TokenObject.class);
        if (asked.status() != null) {
            throw ApiException.badRequest("status is set by the server");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.issue(tenant, asked.spec(), callers.attributionOf(request)));
    }

    @GetMapping("/tenants/{tenant}/tokens")
    ObjectList<TokenObject> listTokens(@PathVariable String tenant) {
        return new ObjectList<>(
                "policyledger.io/v1",
                "TokenList",
                new ListMeta(Long.toString(reader.resourceVersion()), null),
                tokens.list(tenant));
    }

    @GetMapping("/tenants/{tenant}/tokens/{id}")
    TokenObject getToken(@PathVariable String tenant, @PathVariable String id) {
        return tokens.get(tenant, id);
    }

    @DeleteMapping("/tenants/{tenant}/tokens/{id}")
    Status revokeToken(@PathVariable String tenant, @PathVariable String id, HttpServletRequest request) {
        tokens.revoke(tenant, id, callers.attributionOf(request));
        return Status.success(new Status.Details(id, "policyledger.io", "tokens", id, null));
    }

    @GetMapping("/tokens")
    ObjectList<TokenObject> listAllTokens() {
        return new ObjectList<>(
                "policyledger.io/v1",
                "TokenList",
                new ListMeta(Long.toString(reader.resourceVersion()), null),
                tokens.listAll());
    }

    /** Credentials bound to no tenant: platform admins and agents. */
    @PostMapping("/tokens")
    ResponseEntity<TokenObject> issueClusterToken(HttpServletRequest request) {
        TokenObject asked = decoder.decode(request, TokenObject.class);
        if (asked.status() != null) {
            throw ApiException.badRequest("status is set by the server");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.issueClusterWide(asked.spec(), callers.attributionOf(request)));
    }

    @GetMapping("/tokens/{id}")
    TokenObject getAnyToken(@PathVariable String id) {
        return tokens.getAny(id);
    }

    @DeleteMapping("/tokens/{id}")
    Status revokeAnyToken(@PathVariable String id, HttpServletRequest request) {
        tokens.revokeAny(id, callers.attributionOf(request));
        return Status.success(new Status.Details(id, "policyledger.io", "tokens", id, null));
    }
}
