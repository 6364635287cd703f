package dev.fnlens.bench.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void medianOfTheRoundsRatios_notTheRatioOfMedians() {
        // the baseline drifts from round to round; the variant is 10 % slower in every round but one
        List<Double> base = List.of(100.0, 200.0, 300.0, 400.0, 500.0);
        List<Double> variant = List.of(110.0, 220.0, 330.0, 440.0, 1000.0);
        PairedRatio r = PairedRatio.of(base, variant, Double::doubleValue);
        assertEquals(0.10, r.median(), 1e-9);
        assertTrue(Double.isNaN(r.low()), "5 rounds are too few for a 95 % interval: " + r);
    }

    @Test
    void interval_isTheSignTestsOrderStatistics() {
        // published ranks of the 95 % interval of a median: n = 10 -> 2nd and 9th, 20 -> 6th and 15th,
        // 40 -> 14th and 27th
        assertInterval(10, 2);
        assertInterval(20, 6);
        assertInterval(40, 14);
    }

    private static void assertInterval(int n, int rank) {
        List<Double> base = new ArrayList<>();
        List<Double> variant = new ArrayList<>();
        for (int i = n; i >= 1; i--) { // ratio i %, given in reverse to show that they are sorted
            base.add(100.0);
            variant.add(100.0 + i);
        }
        PairedRatio r = PairedRatio.of(base, variant, Double::doubleValue);
        assertEquals(rank / 100.0, r.low(), 1e-9, "n = " + n);
        assertEquals((n - rank + 1) / 100.0, r.high(), 1e-9, "n = " + n);
    }
}
