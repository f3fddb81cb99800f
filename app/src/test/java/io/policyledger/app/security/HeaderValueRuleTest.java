package io.policyledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderValueRuleTest {

    /** Spring Security's own rule for header values, which the firewall's faster check must equal. */
    private static final Pattern SPRING_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void theFirewallRefusesExactlyTheHeaderValuesSpringsRuleRefuses() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String value = "Bearer x" + new String(Character.toChars(c)) + "y";
            assertThat(SecurityConfiguration.isPrintable(value))
                    .as("U+%04X", c)
                    .isEqualTo(SPRING_RULE.matcher(value).matches());
        }
        assertThat(SecurityConfiguration.isPrintable("Bearer eyJ.abc\r\nX-Injected: 1"))
                .isFalse();
        assertThat(SecurityConfiguration.isPrintable("")).isTrue();
    }
}
