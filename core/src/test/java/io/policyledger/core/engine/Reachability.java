package io.policyledger.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * An expected 9x9 connectivity table for pods x/a..z/c, written the way the Kubernetes e2e network
 * policy suite writes them: start from "everything connects", then state the exceptions.
 */
final class Reachability {

    static final List<String> PODS = List.of("x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c");

    private final boolean[][] expected = new boolean[PODS.size()][PODS.size()];

    Reachability(boolean all) {
        expectWhere((from, to) -> true, all);
    }

    Reachability expect(String from, String to, boolean allowed) {
        expected[PODS.indexOf(from)][PODS.indexOf(to)] = allowed;
        return this;
    }

    Reachability expectIngress(String to, boolean allowed) {
        return expectWhere((f, t) -> t.equals(to), allowed);
    }

    Reachability expectEgress(String from, boolean allowed) {
        return expectWhere((f, t) -> f.equals(from), allowed);
    }

    Reachability expectWhere(BiPredicate<String, String> which, boolean allowed) {
        for (int i = 0; i < PODS.size(); i++) {
            for (int j = 0; j < PODS.size(); j++) {
                if (which.test(PODS.get(i), PODS.get(j))) {
                    expected[i][j] = allowed;
                }
            }
        }
        return this;
    }

    /** Differences between this and the observed table, as readable lines (empty when equal). */
    List<String> differences(BiPredicate<String, String> observed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < PODS.size(); i++) {
            for (int j = 0; j < PODS.size(); j++) {
                boolean actual = observed.test(PODS.get(i), PODS.get(j));
                if (actual != expected[i][j]) {
                    out.add(PODS.get(i) + " -> " + PODS.get(j) + ": expected " + (expected[i][j] ? "allowed" : "denied")
                            + ", was " + (actual ? "allowed" : "denied"));
                }
            }
        }
        return out;
    }
}
