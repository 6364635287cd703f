package dev.fnlens.query;

import static dev.fnlens.query.Answers.number;
import static dev.fnlens.query.Answers.rows;
import static dev.fnlens.query.Answers.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example queries from AWS's Lambda documentation, run as written; expected answers computed with streams. */
class AwsExamplesTest {

    private static final List<MapEvent> REPORTS = LambdaLogs.reports();

    private static long bin(MapEvent e, long period) {
        return Math.floorDiv((long) e.value("@timestamp"), period) * period;
    }

    @Test
    void durationStatsPerFiveMinutes() {
        List<Map<String, String>> rows = rows(
                "filter @type = \"REPORT\" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)");

        Map<Long, DoubleSummaryStatistics> expected = REPORTS.stream().collect(Collectors.groupingBy(
                e -> bin(e, 300_000), TreeMap::new, Collectors.summarizingDouble(e -> e.number("@duration"))));
        assertThat(rows).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<Long, DoubleSummaryStatistics> e : expected.entrySet()) {
            Map<String, String> row = rows.get(i++);
            assertThat(row.keySet()).containsExactly("bin(5m)", "avg(@duration)", "max(@duration)", "min(@duration)");
            assertThat(row.get("bin(5m)")).isEqualTo(stamp(e.getKey()));
            assertThat(number(row.get("avg(@duration)"))).isCloseTo(e.getValue().getAverage(), within(1e-9));
            assertThat(number(row.get("max(@duration)"))).isEqualTo(e.getValue().getMax());
            assertThat(number(row.get("min(@duration)"))).isEqualTo(e.getValue().getMin());
        }
    }

    @Test
    void coldStartsPerFiveMinutes() {
        List<Map<String, String>> rows = rows("filter @type = \"REPORT\" and ispresent(@initDuration)"
                + " | stats count() as coldStarts, avg(@initDuration) by bin(5m)");

        Map<Long, DoubleSummaryStatistics> expected = REPORTS.stream().filter(e -> e.has("@initDuration"))
                .collect(Collectors.groupingBy(e -> bin(e, 300_000), TreeMap::new,
                        Collectors.summarizingDouble(e -> e.number("@initDuration"))));
        assertThat(expected).isNotEmpty();
        assertThat(rows).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<Long, DoubleSummaryStatistics> e : expected.entrySet()) {
            Map<String, String> row = rows.get(i++);
            assertThat(row.keySet()).containsExactly("bin(5m)", "coldStarts", "avg(@initDuration)");
            assertThat(row.get("bin(5m)")).isEqualTo(stamp(e.getKey()));
            assertThat(row.get("coldStarts")).isEqualTo(Long.toString(e.getValue().getCount()));
            assertThat(number(row.get("avg(@initDuration)"))).isCloseTo(e.getValue().getAverage(), within(1e-9));
        }
    }

    @Test
    void slowestInvocationsByBilledDuration() {
        List<Map<String, String>> rows = rows("filter @type = \"REPORT\" | fields @requestId, @billedDuration"
                + " | sort by @billedDuration desc | limit 100");

        List<MapEvent> expected = REPORTS.stream()
                .sorted(Comparator.comparingDouble((MapEvent e) -> e.number("@billedDuration")).reversed())
                .limit(100).toList();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).containsExactly(
                    Map.entry("@requestId", (String) expected.get(i).value("@requestId")),
                    Map.entry("@billedDuration", Long.toString((long) expected.get(i).number("@billedDuration"))));
        }
    }

    @Test
    void timeoutsPerHalfHour() {
        List<Map<String, String>> rows = rows("filter @message like /Task timed out/ | stats count() by bin(30m)");

        Map<Long, Long> expected = LambdaLogs.EVENTS.stream()
                .filter(e -> ((String) e.value("@message")).contains("Task timed out"))
                .collect(Collectors.groupingBy(e -> bin(e, 1_800_000), TreeMap::new, Collectors.counting()));
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(1);
        assertThat(rows).containsExactlyElementsOf(expected.entrySet().stream()
                .map(e -> Map.of("bin(30m)", stamp(e.getKey()), "count()", Long.toString(e.getValue())))
                .toList());
    }

    @Test
    void overProvisionedMemory_reusesAliasesInTheSameStats() {
        List<Map<String, String>> rows = rows("""
                filter @type = "REPORT"
                    | stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,
                        min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,
                        avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,
                        max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,
                        provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB
                """);

        DoubleSummaryStatistics provisioned = REPORTS.stream().mapToDouble(e -> e.number("@memorySize") / 1e6).summaryStatistics();
        DoubleSummaryStatistics used = REPORTS.stream().mapToDouble(e -> e.number("@maxMemoryUsed") / 1e6).summaryStatistics();
        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row.keySet()).containsExactly("provisonedMemoryMB", "smallestMemoryRequestMB", "avgMemoryUsedMB",
                "maxMemoryUsedMB", "overProvisionedMB");
        assertThat(row.get("provisonedMemoryMB")).isEqualTo(Long.toString((long) provisioned.getMax()));
        assertThat(row.get("smallestMemoryRequestMB")).isEqualTo(Long.toString((long) used.getMin()));
        assertThat(number(row.get("avgMemoryUsedMB"))).isCloseTo(used.getAverage(), within(1e-9));
        assertThat(row.get("maxMemoryUsedMB")).isEqualTo(Long.toString((long) used.getMax()));
        assertThat(row.get("overProvisionedMB")).isEqualTo(Long.toString((long) (provisioned.getMax() - used.getMax())));
    }
}
