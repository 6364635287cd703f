package dev.fnlens.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeTest {
    @Test
    void formats_asTheIsoPatternDoes_acrossDaysYearsAndTheEdges() {
        Random random = new Random(3);
        long[] edges = {0, 1, 999, 1000, 86_399_999L, 86_400_000L, 951_782_400_000L /* 2000-02-29 */,
                253_402_300_799_999L, 253_402_300_800_000L, -1, -86_400_001L};
        for (long at : edges) {
            assertThat(IsoTime.format(at)).as("%d", at).isEqualTo(expected(at));
        }
        for (int i = 0; i < 200_000; i++) {
            long at = i % 2 == 0 ? random.nextLong(253_402_300_800_000L) // any day until 9999
                    : 1_795_698_840_000L + random.nextLong(3 * 86_400_000L); // runs of neighbouring days
            assertThat(IsoTime.format(at)).isEqualTo(expected(at));
        }
    }

    /** As {@link DateTimeFormatter} writes the pattern (years past 9999 with a '+'). */
    private static String expected(long at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(at));
    }
}
