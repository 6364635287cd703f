package dev.fnlens.query;

import static dev.fnlens.query.Answers.rows;
import static dev.fnlens.query.Answers.stamp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private static final List<MapEvent> EVENTS = LambdaLogs.EVENTS;

    private static List<MapEvent> appLines() {
        return EVENTS.stream().filter(e -> ((String) e.value("@message")).contains("logged in")).toList();
    }

    @Test
    void fields_namesColumnsByAliasFieldOrExpressionText() {
        QueryResult r = Answers.run("filter @type = \"START\" | fields @requestId, strlen(@message), toupper(@type) as t | limit 2");

        assertThat(r.columns()).containsExactly("@requestId", "strlen(@message)", "t");
        MapEvent first = EVENTS.stream().filter(e -> "START".equals(e.value("@type"))).findFirst().orElseThrow();
        assertThat(Answers.rows(r).get(0)).containsExactly(
                Map.entry("@requestId", (String) first.value("@requestId")),
                Map.entry("strlen(@message)", Integer.toString(((String) first.value("@message")).length())),
                Map.entry("t", "START"));
    }

    @Test
    void fields_laterProjectionSeesEarlierOne_andCanReplaceAField() {
        List<MapEvent> events = List.of(MapEvent.of("x", 2L));

        assertThat(rows("fields x * 10 as y, y + 1 as z, x + 1 as x", events))
                .containsExactly(Map.of("y", "20", "z", "21", "x", "3"));
    }

    @Test
    void noFieldsCommand_answersDefaultColumns() {
        QueryResult r = Answers.run("filter @type = \"END\" | limit 2");

        assertThat(r.columns()).containsExactly("@timestamp", "@message", "@logStream", "@log");
        MapEvent end = EVENTS.stream().filter(e -> "END".equals(e.value("@type"))).findFirst().orElseThrow();
        assertThat(Answers.rows(r).get(0)).containsExactly(
                Map.entry("@timestamp", stamp((long) end.value("@timestamp"))),
                Map.entry("@message", (String) end.value("@message")),
                Map.entry("@logStream", (String) end.value("@logStream")),
                Map.entry("@log", (String) end.value("@log")));
    }

    @Test
    void filter_keepsMatchingEventsInInputOrder() {
        List<Map<String, String>> rows = rows("filter @type = \"REPORT\" and @duration > 150 | fields @requestId");

        assertThat(rows).extracting(m -> m.get("@requestId")).containsExactlyElementsOf(LambdaLogs.reports().stream()
                .filter(e -> e.number("@duration") > 150).map(e -> (String) e.value("@requestId")).toList());
    }

    @Test
    void sort_severalKeys_ascendingByDefault_missingLast() {
        List<Map<String, String>> rows = rows("fields @log, @duration | sort @log desc, @duration | limit 10000");

        Comparator<MapEvent> order = Comparator.comparing((MapEvent e) -> (String) e.value("@log")).reversed()
                .thenComparing(e -> (Double) e.value("@duration"), Comparator.nullsLast(Comparator.naturalOrder()));
        List<MapEvent> expected = EVENTS.stream().sorted(order).toList();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("@log")).isEqualTo(expected.get(i).value("@log"));
            Object d = expected.get(i).value("@duration");
            assertThat(rows.get(i).get("@duration")).isEqualTo(d == null ? null : Answers.Format.number((Double) d));
        }
    }

    @Test
    void sort_numericStringsByValue_andIsStable() {
        List<MapEvent> events = List.of(MapEvent.of("v", "10", "i", 1L), MapEvent.of("v", "9", "i", 2L),
                MapEvent.of("v", "10", "i", 3L), MapEvent.of("i", 4L), MapEvent.of("v", "100", "i", 5L));

        assertThat(rows("sort v desc | fields i", events)).extracting(m -> m.get("i")).containsExactly("5", "1", "3", "2", "4");
        assertThat(rows("sort by v | fields i | limit 3", events)).extracting(m -> m.get("i")).containsExactly("2", "1", "3");
    }

    @Test
    void sort_usesCloudWatchNaturalOrder_textBeforeNumbers() {
        // the ascending order given in CloudWatch's documentation of sort
        List<String> documented = List.of("!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj",
                "a12345hfh", "0", "01", "1", "2", "3");
        List<String> shuffled = new ArrayList<>(documented);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.remove("1");
        shuffled.add("1"); // "01" and "1" are the same number: keep their documented order, sort is stable
        List<MapEvent> events = shuffled.stream().map(v -> MapEvent.of("v", v)).toList();

        assertThat(rows("sort v | fields v", events)).extracting(m -> m.get("v")).containsExactlyElementsOf(documented);
        List<String> descending = new ArrayList<>(documented);
        java.util.Collections.reverse(descending);
        descending.remove("1");
        descending.add(descending.indexOf("01") + 1, "1");
        assertThat(rows("sort v desc | fields v", events)).extracting(m -> m.get("v")).containsExactlyElementsOf(descending);
    }

    @Test
    void limit_defaultsToTenThousandRows_andStopsReadingEarly() {
        List<MapEvent> many = IntStream.range(0, 12_000).mapToObj(i -> MapEvent.of("i", (long) i)).toList();

        assertThat(Answers.run("fields i", many).rows()).hasSize(10_000);
        assertThat(Answers.run("sort i desc | fields i", many).rows()).hasSize(10_000).first()
                .isEqualTo(List.of(new ResultField("i", "11999")));
        QueryResult five = Answers.run("fields i | limit 5", many);
        assertThat(five.rows()).hasSize(5);
        assertThat(five.statistics().recordsScanned()).isEqualTo(5);
    }

    @Test
    void parse_glob_capturesBetweenLiterals_trailingStarTakesTheRest() {
        List<Map<String, String>> rows = rows("parse @message \"[*] * logged in from *\" as level, user, ip"
                + " | filter ispresent(user) | fields level, user, ip");

        Pattern p = Pattern.compile("\\[(.*?)] (.*?) logged in from (.*)");
        List<Map<String, String>> expected = new ArrayList<>();
        for (MapEvent e : appLines()) {
            Matcher m = p.matcher((String) e.value("@message"));
            assertThat(m.find()).isTrue();
            expected.add(Map.of("level", m.group(1), "user", m.group(2), "ip", m.group(3)));
        }
        assertThat(expected).isNotEmpty();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void parse_regex_namedGroups_evenWithUnderscores() {
        List<Map<String, String>> rows = rows("parse @message /(?<user>\\S+) logged in from (?<client_ip>[\\d.]+)/"
                + " | stats count() as n by user | sort n desc, user");

        Map<String, Long> counts = new java.util.TreeMap<>();
        for (MapEvent e : appLines()) {
            Matcher m = Pattern.compile("(\\S+) logged in").matcher((String) e.value("@message"));
            m.find();
            counts.merge(m.group(1), 1L, Long::sum);
        }
        List<Map<String, String>> expected = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> Map.of("user", e.getKey(), "n", Long.toString(e.getValue()))).toList();
        // events that do not match have no user: one more group, with the missing key, sorted by n
        assertThat(rows.stream().filter(r -> r.containsKey("user")).toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void parse_withoutMatch_leavesFieldsMissing() {
        List<MapEvent> events = List.of(MapEvent.of("@message", "id=7"), MapEvent.of("@message", "nothing"));

        assertThat(rows("parse \"id=*\" as id | fields id", events)).containsExactly(Map.of("id", "7"), Map.of());
    }

    @Test
    void display_choosesColumns_lastOneWins() {
        QueryResult r = Answers.run("filter @type = \"REPORT\" | fields @requestId, @duration | display @duration "
                + "| display @requestId, @logStream | limit 1");

        assertThat(r.columns()).containsExactly("@requestId", "@logStream");
        assertThat(Answers.rows(r).get(0).keySet()).containsExactly("@requestId", "@logStream");
    }

    @Test
    void dedup_keepsFirstInSortOrder_missingValuesAreNeverDuplicates() {
        List<Map<String, String>> rows = rows("filter @type = \"REPORT\" | sort @duration desc | dedup @log | fields @log, @duration");

        List<Map<String, String>> expected = new ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        LambdaLogs.reports().stream().sorted(Comparator.comparingDouble((MapEvent e) -> e.number("@duration")).reversed())
                .filter(e -> seen.add(e.value("@log")))
                .forEach(e -> expected.add(Map.of("@log", (String) e.value("@log"),
                        "@duration", Answers.Format.number(e.number("@duration")))));
        assertThat(rows).containsExactlyElementsOf(expected);

        List<MapEvent> events = List.of(MapEvent.of("k", "a", "i", 1L), MapEvent.of("i", 2L), MapEvent.of("k", "a", "i", 3L),
                MapEvent.of("i", 4L), MapEvent.of("k", "b", "i", 5L));
        assertThat(rows("dedup k | fields i", events)).extracting(m -> m.get("i")).containsExactly("1", "2", "4", "5");
    }

    @Test
    void pattern_groupsMessagesByShape_withRatioAndCount() {
        QueryResult r = Answers.run("filter @type = \"REPORT\" | pattern @message");

        assertThat(r.columns()).containsExactly("@pattern", "@ratio", "@sampleCount");
        long total = LambdaLogs.reports().size();
        long cold = LambdaLogs.reports().stream().filter(e -> e.has("@initDuration")).count();
        String warmShape = "REPORT RequestId: <*>\tDuration: <*> ms\tBilled Duration: <*> ms\tMemory Size: <*> MB"
                + "\tMax Memory Used: <*> MB";
        assertThat(Answers.rows(r)).containsExactly(
                Map.of("@pattern", warmShape, "@ratio", Answers.Format.number((double) (total - cold) / total),
                        "@sampleCount", Long.toString(total - cold)),
                Map.of("@pattern", warmShape + "\tInit Duration: <*> ms", "@ratio", Answers.Format.number((double) cold / total),
                        "@sampleCount", Long.toString(cold)));
    }

    @Test
    void statsThenFilterSortAndFieldsOnItsOutput_andASecondStats() {
        List<Map<String, String>> rows = rows("stats count() as n by @logStream | filter n > 20 | fields n * 2 as twice"
                + " | sort n desc");
        Map<Object, Long> perStream = EVENTS.stream().collect(java.util.stream.Collectors.groupingBy(
                e -> e.value("@logStream"), java.util.stream.Collectors.counting()));
        List<Long> big = perStream.values().stream().filter(n -> n > 20).sorted(Comparator.reverseOrder()).toList();
        assertThat(rows).extracting(m -> m.get("twice")).containsExactlyElementsOf(big.stream().map(n -> Long.toString(n * 2)).toList());

        assertThat(rows("stats count() as n by @logStream | stats sum(n) as total, count() as streams"))
                .containsExactly(Map.of("total", Integer.toString(EVENTS.size()), "streams", Integer.toString(perStream.size())));
    }

    @Test
    void afterStats_anAggregateCallNamesItsColumn() {
        List<Map<String, String>> rows = rows("stats count() by @log | sort count() desc | fields count() * 2 as twice");

        List<Long> counts = EVENTS.stream().collect(java.util.stream.Collectors.groupingBy(e -> e.value("@log"),
                java.util.stream.Collectors.counting())).values().stream().sorted(Comparator.reverseOrder()).toList();
        assertThat(rows).extracting(m -> m.get("count()")).containsExactlyElementsOf(counts.stream().map(String::valueOf).toList());
        assertThat(rows).extracting(m -> m.get("twice")).containsExactlyElementsOf(counts.stream().map(n -> String.valueOf(n * 2)).toList());
        assertThat(rows("stats count() by @log | stats sum(count()) as total, max(count()) as most"))
                .containsExactly(Map.of("total", Integer.toString(EVENTS.size()), "most", Long.toString(counts.get(0))));
    }

    @Test
    void consoleDefaultQuery_latestEventsFirst() {
        List<Map<String, String>> rows = rows("fields @timestamp, @message, @logStream, @log | sort @timestamp desc | limit 20");

        List<MapEvent> expected = EVENTS.stream()
                .sorted(Comparator.comparingLong((MapEvent e) -> (long) e.value("@timestamp")).reversed()).limit(20).toList();
        assertThat(rows).extracting(m -> m.get("@message"))
                .containsExactlyElementsOf(expected.stream().map(e -> (String) e.value("@message")).toList());
        assertThat(rows.get(0).get("@timestamp")).isEqualTo(stamp((long) expected.get(0).value("@timestamp")));
    }

    @Test
    void statsByAlias_namesTheColumn() {
        QueryResult r = Answers.run("filter @type = \"REPORT\" | stats count() as n by bin(1h) as hour");

        assertThat(r.columns()).containsExactly("hour", "n");
        assertThat(Answers.rows(r).get(0).get("hour")).isEqualTo(stamp(LambdaLogs.BASE));
    }

    @Test
    void commentsNewlinesAndBackticks() {
        List<MapEvent> events = List.of(MapEvent.of("odd name", "x", "@message", "m"));

        assertThat(rows("""
                # the whole query is a comment before this line
                fields `odd name` as v   # trailing comment
                | filter v = "x"
                """, events)).containsExactly(Map.of("v", "x"));
    }
}
