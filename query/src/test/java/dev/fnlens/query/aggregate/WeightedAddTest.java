package dev.fnlens.query.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adding a value with how often it came gives what adding it that often gives, for every aggregate. */
class WeightedAddTest {

    @Test
    void weightedAdds_giveTheAnswerOfRepeatedAdds() {
        Random random = new Random(5);
        for (String function : List.of("count", "count_distinct", "sum", "avg", "stddev", "min", "max", "sortsFirst",
                "sortsLast", "pct")) {
            for (boolean rows : List.of(true, false)) {
                Accumulator weighted = Aggregates.factory(function, rows, 95).get();
                Accumulator repeated = Aggregates.factory(function, rows, 95).get();
                for (int i = 0; i < 200; i++) {
                    Object value = random.nextInt(10) == 0 ? null : random.nextInt(4) == 0 ? (Object) ("v" + random.nextInt(5))
                            : (Object) (random.nextInt(2000) / 100.0);
                    long times = random.nextInt(6);
                    weighted.add(value, 1000, times);
                    for (long t = 0; t < times; t++) {
                        repeated.add(value, 1000);
                    }
                }
                assertThat(weighted.result()).as(function + (rows ? " of rows" : "")).isEqualTo(repeated.result());
            }
        }
    }
}
