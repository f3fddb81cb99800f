package io.policyledger.command.token;

import io.policyledger.core.token.TokenIssued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link TokenRegistry} on the {@code issued_token} table. */
@Component
class JdbcTokenRegistry implements TokenRegistry {

    private final JdbcTemplate jdbc;

    JdbcTokenRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(TokenIssued t) {
        jdbc.update(
                """
                INSERT INTO issued_token (token_id, role, tenant, subject, node, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                t.id(),
                t.role(),
                t.tenant(),
                t.subject(),
                t.node(),
                Timestamp.from(t.issuedAt()),
                Timestamp.from(t.expiresAt()));
    }

    @Override
    public void revoke(String id, Instant at) {
        jdbc.update(
                "UPDATE issued_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                Timestamp.from(at),
                id);
    }

    @Override
    public Optional<IssuedToken> find(String id) {
        return jdbc.query("SELECT * FROM issued_token WHERE token_id = ?", JdbcTokenRegistry::row, id).stream()
                .findFirst();
    }

    @Override
    public List<IssuedToken> ofTenant(String tenant) {
        return jdbc.query(
                "SELECT * FROM issued_token WHERE tenant = ? ORDER BY issued_at DESC, token_id",
                JdbcTokenRegistry::row,
                tenant);
    }

    @Override
    public List<IssuedToken> all() {
        return jdbc.query("SELECT * FROM issued_token ORDER BY issued_at DESC, token_id", JdbcTokenRegistry::row);
    }

    @Override
    public void revokeAllOfTenant(String tenant, Instant at) {
        jdbc.update(
                "UPDATE issued_token SET revoked_at = ? WHERE tenant = ? AND revoked_at IS NULL",
                Timestamp.from(at),
                tenant);
    }

    @Override
    public Optional<IssuedToken> live(String id, Instant now) {
        return jdbc.query("""
                SELECT * FROM issued_token t
                WHERE t.token_id = ? AND t.revoked_at IS NULL AND t.expires_at > ?
                  AND (t.role NOT IN ('tenant-admin', 'tenant-viewer')
                       OR EXISTS (SELECT 1 FROM tenant_occupancy o WHERE o.tenant = t.tenant))""", JdbcTokenRegistry::row, id, Timestamp.from(now)).stream()
                .findFirst();
    }

    private static IssuedToken row(ResultSet rs, int i) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new IssuedToken(
                rs.getString("token_id"),
                rs.getString("role"),
                rs.getString("tenant"),
                rs.getString("subject"),
                rs.getString("node"),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
