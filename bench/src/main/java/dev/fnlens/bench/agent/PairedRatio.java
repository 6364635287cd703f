package dev.fnlens.bench.agent;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How much slower a variant is than the baseline, round by round: each round runs every variant once, so the ratio of
 * two runs of one round leaves out what the machine did between rounds (another build, a warmer page cache). The
 * median of those ratios, with a 95 % confidence interval from the order statistics (the sign test's interval: no
 * assumption about how the ratios are distributed).
 */
record PairedRatio(double median, double low, double high, int rounds) {

    static <T> PairedRatio of(List<T> baseline, List<T> variant, ToDoubleFunction<T> value) {
        int n = Math.min(baseline.size(), variant.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = value.applyAsDouble(variant.get(i)) / value.applyAsDouble(baseline.get(i)) - 1;
        }
        java.util.Arrays.sort(ratios);
        double median = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
        // the k-th smallest and k-th largest ratio, k the largest with P(Binomial(n, 1/2) < k) <= 2.5 %
        int k = 0;
        double below = Math.pow(0.5, n);
        double cumulative = below;
        while (k + 1 <= n / 2 && cumulative <= 0.025) {
            k++;
            below = below * (n - k + 1) / k;
            cumulative += below;
        }
        return k == 0 ? new PairedRatio(median, Double.NaN, Double.NaN, n)
                : new PairedRatio(median, ratios[k - 1], ratios[n - k], n);
    }

    @Override
    public String toString() {
        return Double.isNaN(low) ? String.format(Locale.ROOT, "%+.1f %% (too few rounds for an interval)", median * 100)
                : String.format(Locale.ROOT, "%+.1f %% [%+.1f, %+.1f]", median * 100, low * 100, high * 100);
    }
}
