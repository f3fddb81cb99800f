package io.policyledger.core.token;

import java.time.Instant;

/** A credential was registered. The signed token itself is not part of the record. */
public record TokenIssued(
        String id, String role, String tenant, String subject, String node, Instant issuedAt, Instant expiresAt) {}
