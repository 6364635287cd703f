package dev.fnlens.query.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentileSelectTest {

    @Test
    void select_picksWhatSortingPutsAtTheNearestRank() {
        Random random = new Random(8);
        double[] percents = {0, 0.1, 1, 25, 50, 90, 95, 99, 99.9, 100};
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(round < 400 ? 50 : 5000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (random.nextInt(8)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> Double.NaN;
                    case 3 -> random.nextInt(5); // many equal values
                    default -> Math.round(random.nextGaussian() * 10_000) / 100.0;
                };
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double[] work = values.clone();
            for (double p : percents) {
                double expected = sorted[Percentile.rank(p, n) - 1];
                assertThat(Double.doubleToLongBits(Percentile.select(work, n, p)))
                        .as("p%s of %s", p, n).isEqualTo(Double.doubleToLongBits(expected));
            }
        }
    }

    @Test
    void select_onSortedAndReversedInput() {
        double[] up = new double[100_000];
        for (int i = 0; i < up.length; i++) {
            up[i] = i;
        }
        assertThat(Percentile.select(up.clone(), up.length, 99)).isEqualTo(98_999);
        double[] down = new double[up.length];
        for (int i = 0; i < up.length; i++) {
            down[i] = up.length - 1 - i;
        }
        assertThat(Percentile.select(down, down.length, 50)).isEqualTo(49_999);
    }
}
