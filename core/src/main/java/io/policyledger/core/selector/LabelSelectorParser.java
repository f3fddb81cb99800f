package io.policyledger.core.selector;

import io.policyledger.core.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code labelSelector} query parameter of list requests, in the syntax of Kubernetes'
 * {@code labels.Parse}: comma-separated requirements {@code k=v}, {@code k==v}, {@code k!=v},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} and {@code !k}.
 */
public final class LabelSelectorParser {

    private final String text;
    private int pos;

    private LabelSelectorParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with a message fit for the client when the text is not a selector */
    public static List<Requirement> parse(String text) {
        List<Requirement> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        LabelSelectorParser p = new LabelSelectorParser(text);
        while (true) {
            out.add(p.requirement());
            p.skipSpace();
            if (p.atEnd()) {
                return out;
            }
            p.expect(',');
        }
    }

    private Requirement requirement() {
        skipSpace();
        if (peek('!')) {
            pos++;
            String key = key();
            return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
        }
        String key = key();
        skipSpace();
        if (atEnd() || peek(',')) {
            return new Requirement(key, Operator.EXISTS, List.of());
        }
        if (text.startsWith("==", pos)) {
            pos += 2;
            return new Requirement(key, Operator.EQUALS, List.of(value()));
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return new Requirement(key, Operator.NOT_EQUALS, List.of(value()));
        }
        if (peek('=')) {
            pos++;
            return new Requirement(key, Operator.EQUALS, List.of(value()));
        }
        String word = word();
        if (word.equals("in")) {
            return new Requirement(key, Operator.IN, valueSet());
        }
        if (word.equals("notin")) {
            return new Requirement(key, Operator.NOT_IN, valueSet());
        }
        throw fail("expected one of '=', '==', '!=', 'in', 'notin' after key \"" + key + "\"");
    }

    private String key() {
        skipSpace();
        String key = word();
        if (key.isEmpty()) {
            throw fail("expected a label key");
        }
        List<String> problems = NameValidation.qualifiedName(key);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid label key \"" + key + "\": " + problems.get(0));
        }
        return key;
    }

    private String value() {
        skipSpace();
        String value = word();
        List<String> problems = NameValidation.labelValue(value);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid label value: \"" + value + "\": " + problems.get(0));
        }
        return value;
    }

    private List<String> valueSet() {
        skipSpace();
        expect('(');
        skipSpace();
        if (peek(')')) {
            throw fail("for 'in', 'notin' operators, values set can't be empty");
        }
        List<String> values = new ArrayList<>();
        while (true) {
            values.add(value());
            skipSpace();
            if (peek(')')) {
                pos++;
                return values;
            }
            expect(',');
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && "=!,() \t".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(
                "unable to parse requirement: " + what + " at position " + pos + " in \"" + text + "\"");
    }
}
