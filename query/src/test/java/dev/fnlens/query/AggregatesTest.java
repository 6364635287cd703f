package dev.fnlens.query;

import static dev.fnlens.query.Answers.number;
import static dev.fnlens.query.Answers.rows;
import static dev.fnlens.query.Answers.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every aggregate over the REPORT events, checked against the same numbers computed with streams. */
class AggregatesTest {

    private static final List<MapEvent> REPORTS = LambdaLogs.reports();
    private static final String REPORT = "filter @type = \"REPORT\" | ";

    private static double[] durations() {
        return REPORTS.stream().mapToDouble(e -> e.number("@duration")).toArray();
    }

    private static Map<String, String> only(String query) {
        List<Map<String, String>> rows = rows(query);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void counts_allRows_presentValues_distinctValues() {
        Map<String, String> row = only(REPORT + "stats count() as a, count(*) as b, count(@initDuration) as c, "
                + "count_distinct(@logStream) as d, count(missing) as e");

        assertThat(row.get("a")).isEqualTo(Long.toString(REPORTS.size()));
        assertThat(row.get("b")).isEqualTo(Long.toString(REPORTS.size()));
        assertThat(row.get("c")).isEqualTo(Long.toString(REPORTS.stream().filter(e -> e.has("@initDuration")).count()));
        assertThat(row.get("d")).isEqualTo(Long.toString(REPORTS.stream().map(e -> e.value("@logStream")).distinct().count()));
        assertThat(row.get("e")).isEqualTo("0");
    }

    @Test
    void sumAvgMinMax_areExact() {
        Map<String, String> row = only(REPORT + "stats sum(@billedDuration), avg(@duration), min(@duration), max(@duration)");

        double billed = REPORTS.stream().mapToDouble(e -> e.number("@billedDuration")).sum();
        assertThat(row.get("sum(@billedDuration)")).isEqualTo(Long.toString((long) billed));
        assertThat(number(row.get("avg(@duration)"))).isCloseTo(java.util.Arrays.stream(durations()).average().orElseThrow(), within(1e-9));
        assertThat(number(row.get("min(@duration)"))).isEqualTo(java.util.Arrays.stream(durations()).min().orElseThrow());
        assertThat(number(row.get("max(@duration)"))).isEqualTo(java.util.Arrays.stream(durations()).max().orElseThrow());
    }

    @Test
    void stddev_isTheSampleStandardDeviation() {
        double[] d = durations();
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        double squares = java.util.Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum();

        String value = only(REPORT + "stats stddev(@duration)").get("stddev(@duration)");

        assertThat(number(value)).isCloseTo(Math.sqrt(squares / (d.length - 1)), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, 25, 50, 90, 95, 99, 99.9, 100})
    void percentile_isTheNearestRankValue(double p) {
        double[] sorted = durations().clone();
        java.util.Arrays.sort(sorted);
        // the smallest observed value with at least p% of the values at or below it
        double expected = sorted[0];
        for (double v : sorted) {
            long atOrBelow = java.util.Arrays.stream(sorted).filter(x -> x <= v).count();
            if (atOrBelow * 100 >= p * sorted.length) {
                expected = v;
                break;
            }
        }
        String pct = Answers.Format.number(p);

        Map<String, String> row = only(REPORT + "stats pct(@duration, " + pct + ") as a, percentile(@duration, " + pct + ") as b");

        assertThat(number(row.get("a"))).isEqualTo(expected);
        assertThat(number(row.get("b"))).isEqualTo(expected);
    }

    @Test
    void earliestAndLatest_takeTheValueOfTheFirstAndLastEventByTimestamp() {
        Map<String, String> row = only(REPORT + "stats earliest(@requestId) as first, latest(@requestId) as last, "
                + "min(@timestamp) as since, max(@timestamp) as until");

        MapEvent first = REPORTS.stream().min(Comparator.comparingLong(e -> (long) e.value("@timestamp"))).orElseThrow();
        MapEvent last = REPORTS.stream().max(Comparator.comparingLong(e -> (long) e.value("@timestamp"))).orElseThrow();
        assertThat(row).containsEntry("first", (String) first.value("@requestId"))
                .containsEntry("last", (String) last.value("@requestId"))
                .containsEntry("since", stamp((long) first.value("@timestamp")))
                .containsEntry("until", stamp((long) last.value("@timestamp")));
    }

    @Test
    void sortsFirstAndSortsLast_followCloudWatchSortOrder() {
        // CloudWatch's documented ascending order: "!:" sorts first, the number 3 last
        List<MapEvent> events = java.util.stream.Stream.of("A9876fghj", "3", "#", "!:", "111A", "0", "@_", "5A")
                .map(v -> MapEvent.of("v", v)).toList();

        assertThat(rows("stats sortsFirst(v) as a, sortsLast(v) as b", events)).containsExactly(Map.of("a", "!:", "b", "3"));
        Map<String, String> row = only(REPORT + "stats sortsFirst(@duration) as c, sortsLast(@duration) as d");
        assertThat(number(row.get("c"))).isEqualTo(java.util.Arrays.stream(durations()).min().orElseThrow());
        assertThat(number(row.get("d"))).isEqualTo(java.util.Arrays.stream(durations()).max().orElseThrow());
    }

    @Test
    void statsBy_groupsByEachKeyCombination_sortedByKeys() {
        List<Map<String, String>> rows = rows("stats count() as n, avg(@duration) as d by @log, @type");

        Map<List<String>, List<MapEvent>> expected = LambdaLogs.EVENTS.stream().collect(Collectors.groupingBy(
                e -> java.util.Arrays.asList((String) e.value("@log"), (String) e.value("@type")),
                () -> new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1), Comparator.nullsLast(Comparator.naturalOrder()))),
                Collectors.toList()));
        assertThat(rows).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<String>, List<MapEvent>> e : expected.entrySet()) {
            Map<String, String> row = rows.get(i++);
            assertThat(row.get("@log")).isEqualTo(e.getKey().get(0));
            assertThat(row.get("@type")).isEqualTo(e.getKey().get(1)); // null: the app lines, which have no @type
            assertThat(row.get("n")).isEqualTo(Integer.toString(e.getValue().size()));
            if ("REPORT".equals(e.getKey().get(1))) {
                double avg = e.getValue().stream().mapToDouble(x -> x.number("@duration")).average().orElseThrow();
                assertThat(number(row.get("d"))).isCloseTo(avg, within(1e-9));
            } else {
                assertThat(row).doesNotContainKey("d");
            }
        }
    }

    @Test
    void statsByJsonField() {
        List<Map<String, String>> rows = rows("filter ispresent(level) | stats count() as n, max(latencyMs) as slowest by level");

        Map<String, List<MapEvent>> expected = LambdaLogs.EVENTS.stream().filter(e -> e.has("level"))
                .collect(Collectors.groupingBy(e -> (String) e.value("level"), TreeMap::new, Collectors.toList()));
        assertThat(rows).containsExactlyElementsOf(expected.entrySet().stream().map(e -> Map.of(
                "level", e.getKey(),
                "n", Integer.toString(e.getValue().size()),
                "slowest", Long.toString(e.getValue().stream().mapToLong(x -> (long) x.value("latencyMs")).max().orElseThrow())))
                .toList());
    }

    @Test
    void statsWithoutBy_overNoEvents_answersOneRowWithZeroCount() {
        List<Map<String, String>> rows = rows("filter @type = \"NOPE\" | stats count() as n, avg(@duration) as d");

        assertThat(rows).containsExactly(Map.of("n", "0"));
        assertThat(rows("filter @type = \"NOPE\" | stats count() by @log")).isEmpty();
    }

    @Test
    void aggregatesOfExpressions_andExpressionsOfAggregates() {
        Map<String, String> row = only(REPORT + "stats sum(@billedDuration - @duration) as waste, "
                + "max(@duration) - min(@duration) as spread, count() * 2 as twice, sum(strcontains(@message, \"Init\")) as cold");

        double waste = REPORTS.stream().mapToDouble(e -> e.number("@billedDuration") - e.number("@duration")).sum();
        double spread = java.util.Arrays.stream(durations()).max().orElseThrow() - java.util.Arrays.stream(durations()).min().orElseThrow();
        assertThat(number(row.get("waste"))).isCloseTo(waste, within(1e-9));
        assertThat(number(row.get("spread"))).isCloseTo(spread, within(1e-9));
        assertThat(row.get("twice")).isEqualTo(Integer.toString(REPORTS.size() * 2));
        assertThat(row.get("cold")).isEqualTo(Long.toString(REPORTS.stream().filter(e -> e.has("@initDuration")).count()));
    }
}
