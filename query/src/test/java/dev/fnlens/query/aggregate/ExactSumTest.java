package dev.fnlens.query.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    @Test
    void total_isTheExactSumCorrectlyRounded() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            ExactSum sum = new ExactSum();
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < 1 + random.nextInt(300); i++) {
                double x = value(random);
                sum.add(x);
                exact = exact.add(new BigDecimal(x));
            }
            assertThat(sum.total()).isEqualTo(exact.round(MathContext.DECIMAL128).doubleValue());
        }
    }

    @Test
    void total_doesNotDependOnOrder_orOnSummingInParts() {
        Random random = new Random(4);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            values.add(value(random));
        }
        double inOrder = sumOf(values);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(values, random);
            assertThat(sumOf(values)).isEqualTo(inOrder);
            int cut = random.nextInt(values.size());
            ExactSum a = new ExactSum();
            ExactSum b = new ExactSum();
            values.subList(0, cut).forEach(a::add);
            values.subList(cut, values.size()).forEach(b::add);
            a.add(b);
            assertThat(a.total()).isEqualTo(inOrder);
            assertThat(a.count()).isEqualTo(values.size());
        }
    }

    @Test
    void decimalsAndCancellation_comeOutExact() {
        ExactSum sum = new ExactSum();
        for (double x : new double[] {1e16, 102.25, -1e16, 0.5}) {
            sum.add(x);
        }
        assertThat(sum.total()).isEqualTo(102.75);
        assertThat(new ExactSum().total()).isZero();
    }

    @Test
    void infinitiesAndNaN_winAsInPlainAddition() {
        ExactSum sum = new ExactSum();
        sum.add(1);
        sum.add(Double.POSITIVE_INFINITY);
        assertThat(sum.total()).isEqualTo(Double.POSITIVE_INFINITY);
        sum.add(Double.NEGATIVE_INFINITY);
        assertThat(sum.total()).isNaN();
    }

    /** Lambda-like numbers: durations with two decimals, byte sizes, and some of any magnitude. */
    private static double value(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Math.round(random.nextDouble() * 100_000) / 100.0;
            case 1 -> (1 + random.nextInt(10_240)) * 1e6;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 10);
        };
    }

    private static double sumOf(List<Double> values) {
        ExactSum s = new ExactSum();
        values.forEach(s::add);
        return s.total();
    }
}
