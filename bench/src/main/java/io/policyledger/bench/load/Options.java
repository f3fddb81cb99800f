package io.policyledger.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a load driver; repeated names collect every value. */
final class Options {

    private final Map<String, List<String>> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "; options are --name value");
            }
            String name = args[i].substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    String string(String name, String otherwise) {
        List<String> found = values.get(name);
        return found == null ? otherwise : found.get(found.size() - 1);
    }

    int integer(String name, int otherwise) {
        return Integer.parseInt(string(name, Integer.toString(otherwise)));
    }

    List<Integer> integers(String name, String otherwise) {
        return Arrays.stream(string(name, otherwise).split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Path jar() {
        return Path.of(string("jar", "app/target/policy-ledger.jar"));
    }
}
