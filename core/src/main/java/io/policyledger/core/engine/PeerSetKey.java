package io.policyledger.core.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What defines a set of peer pods: a pod selector, applied either in one namespace (a peer with a
 * podSelector only: the policy's own namespace) or in every namespace a namespace selector matches.
 * Equal definitions, from any number of rules and policies, are one set with one stable id.
 *
 * @param namespace         the one namespace, or null when {@code namespaceSelector} chooses
 * @param namespaceSelector the namespaces, or null when {@code namespace} is given
 */
public record PeerSetKey(String namespace, Selector namespaceSelector, Selector podSelector) {

    public PeerSetKey {
        if ((namespace == null) == (namespaceSelector == null)) {
            throw new IllegalArgumentException("exactly one of namespace or namespaceSelector");
        }
    }

    public static PeerSetKey inNamespace(String namespace, Selector podSelector) {
        return new PeerSetKey(namespace, null, podSelector);
    }

    public static PeerSetKey acrossNamespaces(Selector namespaceSelector, Selector podSelector) {
        return new PeerSetKey(null, namespaceSelector, podSelector);
    }

    public String canonical() {
        return (namespace != null ? "ns=" + namespace : "nsSel=" + namespaceSelector.canonical()) + " | pods="
                + podSelector.canonical();
    }

    /** A short, stable id: the same on every instance and after every restart. */
    public String id() {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return "ps-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
