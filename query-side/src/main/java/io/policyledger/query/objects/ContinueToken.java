package io.policyledger.query.objects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a list starts: after the object (namespace, name). Opaque to clients,
 * base64url of {@code namespace NUL name}.
 */
record ContinueToken(String namespace, String name) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((namespace + '\0' + name).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the text is not a token this server issued */
    static ContinueToken decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("continue key is not valid: " + e.getMessage());
        }
        int nul = text.indexOf('\0');
        if (nul < 0 || text.indexOf('\0', nul + 1) >= 0) {
            throw new IllegalArgumentException("continue key is not valid: not issued by this server");
        }
        return new ContinueToken(text.substring(0, nul), text.substring(nul + 1));
    }
}
