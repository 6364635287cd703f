package dev.fnlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}, and bytes under a directory. On a
 * shared 2-core machine wall-clock throughput depends on the neighbours; CPU seconds spent
 * per event much less so, which is why the reports carry both.
 */
public final class ProcessStats {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcessStats() {
    }

    /** User + system CPU seconds the process has used so far, or NaN when it cannot be read. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Sum of the sizes of the regular files under {@code dir} (0 when it does not exist). */
    public static long directoryBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file merged away while walking
                }
            }).sum();
        }
    }

    /**
     * Asks a JVM for a full GC ({@code jcmd <pid> GC.run}), as {@code user} when it runs as
     * another account: heap "used" between collections is mostly garbage, after one it is
     * what the server really holds. Returns false when jcmd failed.
     */
    public static boolean fullGc(long pid, String user) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        java.util.List<String> command = user == null ? java.util.List.of(jcmd, Long.toString(pid), "GC.run")
                : java.util.List.of("runuser", "-u", user, "--", jcmd, Long.toString(pid), "GC.run");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** CPU seconds this JVM (the benchmark client) has used so far. */
    public static double selfCpuSeconds() {
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /** The load average over the last minute, to show how busy the machine was. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
