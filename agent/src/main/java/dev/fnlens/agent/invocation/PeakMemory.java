package dev.fnlens.agent.invocation;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * "Max Memory Used" as Lambda reports it: the peak resident set of the process,
 * {@code VmHWM} in {@code /proc/self/status}. Where there is no procfs, the committed
 * heap stands in (an underestimate: it misses metaspace, threads and native memory).
 * Linux lets a process reset its own peak ({@code 5} to {@code /proc/self/clear_refs}),
 * which turns the same counter into a per-invocation peak.
 */
public final class PeakMemory {
    private static final String STATUS_FILE = "/proc/self/status";
    private static final String CLEAR_REFS_FILE = "/proc/self/clear_refs";
    private static final byte[] VM_HWM = {'V', 'm', 'H', 'W', 'M', ':'};
    private static final byte[] RESET_PEAK = {'5', '\n'};
    private static final long KIB_PER_MIB = 1024;

    // once procfs failed, stop paying for the attempt
    private static volatile boolean procfs = true;

    private PeakMemory() {
    }

    /** Peak memory of the process in MB (MiB, rounded up); never throws. */
    public static long maxMemoryUsedMb() {
        long kib = peakKib();
        return kib > 0 ? ceilDiv(kib, KIB_PER_MIB) : committedHeapMb();
    }

    /** {@code VmHWM} in KiB, or -1 without procfs. */
    public static long peakKib() {
        if (!procfs) {
            return -1;
        }
        long kib = readVmHwmKib();
        if (kib <= 0) {
            procfs = false;
        }
        return kib;
    }

    /** Resets the kernel's peak to the current resident set; false where that is not allowed. */
    public static boolean resetPeak() {
        try (FileOutputStream out = new FileOutputStream(CLEAR_REFS_FILE)) {
            out.write(RESET_PEAK);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static long committedHeapMb() {
        return ceilDiv(Runtime.getRuntime().totalMemory(), KIB_PER_MIB * KIB_PER_MIB);
    }

    public static long kibToMb(long kib) {
        return ceilDiv(kib, KIB_PER_MIB);
    }

    /** {@code VmHWM} in KiB from the text of {@code /proc/<pid>/status}, or -1 when absent. */
    public static long parseVmHwmKib(byte[] status, int length) {
        int at = indexOf(status, length, VM_HWM);
        if (at < 0) {
            return -1;
        }
        int i = at + VM_HWM.length;
        while (i < length && (status[i] == ' ' || status[i] == '\t')) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < length && status[i] >= '0' && status[i] <= '9') {
            value = value * 10 + (status[i] - '0');
            digits++;
            i++;
        }
        return digits == 0 ? -1 : value;
    }

    private static long readVmHwmKib() {
        // procfs files report size 0: read until EOF into a buffer that holds a whole status file
        byte[] buffer = new byte[8192];
        int length = 0;
        try (InputStream in = new FileInputStream(STATUS_FILE)) {
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return parseVmHwmKib(buffer, length);
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            // a field name starts a line
            if (i > 0 && haystack[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
