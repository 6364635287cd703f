package dev.fnlens.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs queries in tests and reads answers as maps (column to value). */
final class Answers {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Answers() {
    }

    static QueryResult run(String query) {
        return run(query, LambdaLogs.EVENTS);
    }

    static QueryResult run(String query, List<? extends FieldSource> events) {
        QueryResult r = Query.parse(query).execute(events);
        if (r.status() != QueryStatus.Complete) {
            throw new AssertionError("status " + r.status());
        }
        return r;
    }

    static List<Map<String, String>> rows(String query) {
        return rows(run(query));
    }

    static List<Map<String, String>> rows(String query, List<? extends FieldSource> events) {
        return rows(run(query, events));
    }

    static List<Map<String, String>> rows(QueryResult r) {
        return r.rows().stream().map(Answers::asMap).toList();
    }

    static Map<String, String> asMap(List<ResultField> row) {
        Map<String, String> m = new LinkedHashMap<>();
        row.forEach(f -> m.put(f.field(), f.value()));
        return m;
    }

    /** The single value of a one-row, one-column answer. */
    static String value(String query, List<? extends FieldSource> events) {
        List<Map<String, String>> rows = rows(query, events);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value, got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    /** The value of an expression for one event, as the answer prints it; null when missing. */
    static String eval(String expression, FieldSource event) {
        List<Map<String, String>> rows = rows("fields " + expression + " as v", List.of(event));
        return rows.get(0).get("v");
    }

    static double number(String text) {
        return Double.parseDouble(text);
    }

    /** Number text for building queries in tests. */
    static final class Format {
        private Format() {
        }

        static String number(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    static String stamp(long epochMillis) {
        return STAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
