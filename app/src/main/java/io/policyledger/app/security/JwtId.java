package io.policyledger.app.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/** The id of a token the server wrote earlier (its own file), read without validating it. */
final class JwtId {

    private JwtId() {
    }

    static String of(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            return null;
        }
    }
}
