package dev.fnlens.collector.query.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.aggregate.ExactSum;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupAggregatesTest {

    @Test
    void sum_ofWholeAndFractionalValues_isTheExactSum() {
        // given: group 0 gets 3 million whole values just under 2^31 (their total passes 2^53),
        // with fractions, negatives and large values among them; group 1 gets nothing
        GroupAggregates.Sum sum = new GroupAggregates.Sum(false);
        GroupAggregates.Sum avg = new GroupAggregates.Sum(true);
        sum.grow(2);
        avg.grow(2);
        ExactSum expected = new ExactSum();
        Random random = new Random(3);
        for (int i = 0; i < 3_000_000; i++) {
            double v = switch (i % 1000) {
                case 0 -> random.nextDouble() * 1e-3;
                case 1 -> -random.nextInt(1000);
                case 2 -> 1e17 + i;
                case 3 -> -0.0;
                default -> (1L << 31) - 1 - random.nextInt(10);
            };
            sum.add(0, true, v);
            avg.add(0, true, v);
            expected.add(v);
            sum.add(0, false, 5); // no value: not counted
        }

        // then: the same sum to the last bit, the same mean, and no sum for a group without values
        assertThat((double) sum.result(0)).isEqualTo(expected.total());
        assertThat((double) avg.result(0)).isEqualTo(expected.total() / 3_000_000);
        assertThat(sum.result(1)).isNull();
    }

    @Test
    void sum_ofFlags_countsThem() {
        GroupAggregates.Sum sum = new GroupAggregates.Sum(true);
        sum.grow(1);
        sum.add(0, true, 1);
        sum.add(0, true, 0);
        sum.add(0, true, 1);
        sum.add(0, true, 0);

        assertThat(sum.result(0)).isEqualTo(0.5);
    }
}
