package io.policyledger.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by the server's JVM and by its PostgreSQL (the postmaster, its live backends, and the
 * backends it has reaped), read from /proc: how much of the machine one accepted write costs, which is
 * what bounds throughput on a small box where client, server and database share two cores.
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;
    private final Path postgresDataDir;

    CpuTime(long serverPid, Path postgresDataDir) {
        this.serverPid = serverPid;
        this.postgresDataDir = postgresDataDir;
    }

    /** CPU seconds used so far by the server and by its PostgreSQL. */
    record Sample(double server, double postgres) {
        Sample minus(Sample earlier) {
            return new Sample(server - earlier.server, postgres - earlier.postgres);
        }
    }

    Sample sample() {
        return new Sample(seconds(serverPid, false), postgres());
    }

    private double postgres() {
        long postmaster = postmaster();
        if (postmaster < 0) {
            return Double.NaN;
        }
        double total = seconds(postmaster, true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String[] stat = stat(Long.parseLong(p.getFileName().toString()));
                if (stat != null && Long.parseLong(stat[1]) == postmaster) {
                    total += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    private long postmaster() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline"), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains("postgres") && cmdline.contains(postgresDataDir.toString())) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // Gone meanwhile.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static double seconds(long pid, boolean withReapedChildren) {
        String[] stat = stat(pid);
        if (stat == null) {
            return Double.NaN;
        }
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
