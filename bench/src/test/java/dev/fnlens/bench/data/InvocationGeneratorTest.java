package dev.fnlens.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationGeneratorTest {
    private static final long END = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static List<LambdaEvent> lines(DataSetSpec spec) {
        List<LambdaEvent> events = new ArrayList<>();
        new InvocationGenerator(spec).forEachRemaining(inv -> events.addAll(CloudWatchLines.of(inv)));
        return events;
    }

    @Test
    void sameSpec_yieldsTheSameEvents_otherSeed_others() {
        DataSetSpec spec = new DataSetSpec(42, 5_000, 2, END, 500);

        List<LambdaEvent> first = lines(spec);
        List<LambdaEvent> second = lines(spec);
        List<LambdaEvent> otherSeed = lines(new DataSetSpec(43, 5_000, 2, END, 500));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.get(0).message()).isNotEqualTo(first.get(0).message());
    }

    @Test
    void mix_hasEveryKindOfLine_inLambdaLikeProportions_withinTheTimeRange() {
        DataSetSpec spec = new DataSetSpec(7, 100_000, 6, END, 5_000);
        DataSetSummary summary = new DataSetSummary();

        new InvocationGenerator(spec).forEachRemaining(inv -> summary.add(inv, CloudWatchLines.of(inv)));

        assertThat(summary.events()).isBetween(100_000L, 100_010L);
        assertThat(summary.eventsByKind()).containsOnlyKeys("START", "END", "REPORT", "APP", "ERROR", "TIMEOUT");
        long invocations = summary.invocations();
        assertThat(summary.eventsByKind().get("REPORT")).isEqualTo(invocations);
        assertThat((double) summary.eventsByKind().get("APP") / invocations).isCloseTo(1.45, within(0.1));
        assertThat((double) summary.errors() / invocations).isCloseTo(0.02, within(0.008));
        assertThat((double) summary.coldStarts() / invocations).isCloseTo(0.03, within(0.01));
        assertThat(summary.timeouts()).isPositive();
        assertThat(summary.minTimestamp()).isGreaterThanOrEqualTo(spec.startMillis());
        assertThat(summary.maxTimestamp()).isLessThan(spec.endMillis() + 65_000); // a timed-out run may end after
    }

    @Test
    void reportLine_hasInitDuration_onColdStartOnly() {
        List<LambdaEvent> reports = lines(new DataSetSpec(3, 20_000, 1, END, 5_000)).stream()
                .filter(e -> "REPORT".equals(e.type())).toList();

        assertThat(reports).allSatisfy(r -> assertThat(r.message().contains("\tInit Duration: "))
                .isEqualTo(r.initDuration() != null));
        assertThat(reports).anySatisfy(r -> assertThat(r.initDuration()).isNotNull());
        assertThat(reports).allSatisfy(r -> assertThat(r.billedDuration()).isGreaterThanOrEqualTo(r.duration()));
    }
}
