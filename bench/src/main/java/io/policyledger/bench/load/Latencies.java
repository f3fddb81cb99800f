package io.policyledger.bench.load;

import java.util.Arrays;

/** Durations in nanoseconds, recorded by one thread, merged and summarised after a run. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.values[i]);
            }
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** The p-th percentile in milliseconds (of a merged, hence sorted, set). */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return values[Math.max(0, Math.min(size - 1, index))] / 1e6;
    }

    double maxMillis() {
        return size == 0 ? Double.NaN : values[size - 1] / 1e6;
    }
}
