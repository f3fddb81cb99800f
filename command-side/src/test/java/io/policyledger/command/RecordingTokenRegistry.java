package io.policyledger.command;

import io.policyledger.command.token.TokenRegistry;
import io.policyledger.core.token.TokenIssued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records what aggregates register and revoke, for aggregate tests. */
public final class RecordingTokenRegistry implements TokenRegistry {

    public final List<TokenIssued> registered = new ArrayList<>();
    public final List<String> revoked = new ArrayList<>();
    public final List<String> revokedTenants = new ArrayList<>();

    @Override
    public void register(TokenIssued token) {
        registered.add(token);
    }

    @Override
    public void revoke(String id, Instant at) {
        revoked.add(id);
    }

    @Override
    public Optional<IssuedToken> find(String id) {
        return Optional.empty();
    }

    @Override
    public List<IssuedToken> ofTenant(String tenant) {
        return List.of();
    }

    @Override
    public List<IssuedToken> all() {
        return List.of();
    }

    @Override
    public void revokeAllOfTenant(String tenant, Instant at) {
        revokedTenants.add(tenant);
    }

    @Override
    public Optional<IssuedToken> live(String id, Instant now) {
        return Optional.empty();
    }
}
