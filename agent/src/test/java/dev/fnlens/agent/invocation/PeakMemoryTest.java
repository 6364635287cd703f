package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {
    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "Umask:\t0022",
            "State:\tS (sleeping)",
            "VmPeak:\t 4571160 kB",
            "VmSize:\t 4505624 kB",
            "VmHWM:\t   92160 kB",
            "VmRSS:\t   90112 kB",
            "Threads:\t19",
            "");

    @Test
    void parseVmHwm_readsThePeakResidentSetInKib() {
        assertThat(parse(STATUS)).isEqualTo(92_160);
    }

    @Test
    void parseVmHwm_isMinusOneWhenAbsentOrMalformed() {
        assertThat(parse("Name:\tjava\nVmRSS:\t 1 kB\n")).isEqualTo(-1);
        assertThat(parse("VmHWM:\t kB\n")).isEqualTo(-1);
        assertThat(parse("")).isEqualTo(-1);
    }

    @Test
    void parseVmHwm_matchesOnlyAtTheStartOfALine() {
        assertThat(parse("XVmHWM:\t 5 kB\nVmHWM:\t 7 kB\n")).isEqualTo(7);
    }

    @Test
    void maxMemoryUsedMb_ofThisProcess_isPlausible() {
        long mb = PeakMemory.maxMemoryUsedMb();
        assertThat(mb).isPositive().isLessThan(1_000_000);
    }

    private static long parse(String status) {
        byte[] bytes = status.getBytes(StandardCharsets.US_ASCII);
        return PeakMemory.parseVmHwmKib(bytes, bytes.length);
    }
}
