package io.policyledger.app.api;

import io.policyledger.core.object.ObjectKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A list's {@code fieldSelector}: terms {@code metadata.name=N}, {@code ==}, {@code !=}, and the same for
 * {@code metadata.namespace}, all of which must hold (what kubectl sends, e.g. while it waits for a
 * deleted object to be gone). Other fields are refused, as the Kubernetes API server refuses a field
 * label it does not index.
 */
record FieldSelector(List<Term> terms) {

    record Term(String field, String value, boolean equal) {}

    static FieldSelector parse(String selector, boolean namespaced) {
        List<Term> terms = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return new FieldSelector(terms);
        }
        for (String raw : selector.split(",")) {
            String term = raw.trim();
            int ne = term.indexOf("!=");
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("invalid field selector \"" + selector
                        + "\": each term must be field=value, field==value or field!=value");
            }
            boolean equal = ne < 0;
            String field = (equal ? term.substring(0, eq) : term.substring(0, ne)).trim();
            String value = equal ? term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1) : term.substring(ne + 2);
            if (!field.equals("metadata.name") && !(field.equals("metadata.namespace") && namespaced)) {
                throw ApiException.badRequest("\"" + field + "\" is not a known field selector: only \"metadata.name\""
                        + (namespaced ? ", \"metadata.namespace\"" : ""));
            }
            terms.add(new Term(field, value.trim(), equal));
        }
        return new FieldSelector(terms);
    }

    boolean matches(ObjectKey key) {
        for (Term term : terms) {
            String actual = term.field().equals("metadata.name") ? key.name() : key.namespace();
            if (actual.equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }
}
