package dev.fnlens.collector.query.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.aggregate.ExactSum;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupAggregatesTest {

    @Test
    void sum_ofWholeAndFractionalValues_isTheExactSum_alsoWhenTwoScansAreMerged() {
        // given: group 0 gets 3 million whole values just under 2^31 (their total passes 2^53),
        // with fractions, negatives and large values among them; group 1 gets nothing. The same values also go,
        // alternately, to two other sums (the halves of a scan in two), the second keeping them in its group 1
        GroupAggregates.Sum sum = new GroupAggregates.Sum(false);
        GroupAggregates.Sum avg = new GroupAggregates.Sum(true);
        GroupAggregates.Sum first = new GroupAggregates.Sum(true);
        GroupAggregates.Sum later = new GroupAggregates.Sum(true);
        sum.grow(2);
        avg.grow(2);
        first.grow(1);
        later.grow(2);
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
            if (i % 2 == 0) {
                first.add(0, true, v);
            } else {
                later.add(1, true, v);
            }
        }
        first.merge(0, later, 1);

        // then: the same sum to the last bit, the same mean, and no sum for a group without values
        assertThat((double) sum.result(0)).isEqualTo(expected.total());
        assertThat((double) avg.result(0)).isEqualTo(expected.total() / 3_000_000);
        assertThat(sum.result(1)).isNull();
        assertThat((double) first.result(0)).as("merged halves").isEqualTo(expected.total() / 3_000_000);
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

    @Test
    void countDistinct_keepsAboutTheDistinctValues_andCountsThemAsEvery() {
        // given: a million values of 1,000 distinct ones (-0 and 0 one of them, NaN another), to a distinct count
        // alone and to one that shares its values with a percentile, in two halves merged
        GroupAggregates.Values alone = new GroupAggregates.Values();
        GroupAggregates.Distinct distinct = new GroupAggregates.Distinct(alone);
        GroupAggregates.Values later = new GroupAggregates.Values();
        GroupAggregates.Values shared = new GroupAggregates.Values();
        GroupAggregates.Distinct distinctBesidePct = new GroupAggregates.Distinct(shared);
        GroupAggregates.Pct median = new GroupAggregates.Pct(shared, 50);
        alone.grow(1);
        later.grow(1);
        shared.grow(1);
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            int pick = random.nextInt(1000);
            double v = pick == 0 ? (i % 2 == 0 ? -0.0 : 0.0) : pick == 1 ? Double.NaN : pick * 1.5;
            (i % 2 == 0 ? alone : later).add(0, true, v);
            shared.add(0, true, v);
        }
        alone.merge(0, later, 0);

        // then: the same count both ways, and the list alone stays near 1,000 values, not a million
        assertThat(distinct.result(0)).isEqualTo(1000L);
        assertThat(distinctBesidePct.result(0)).isEqualTo(1000L);
        assertThat(median.result(0)).isNotNull();
        assertThat(alone.lists[0].values.length).isLessThan(5_000);
    }
}
