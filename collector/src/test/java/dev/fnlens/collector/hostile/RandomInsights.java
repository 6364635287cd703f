package dev.fnlens.collector.hostile;

import java.util.List;
import java.util.Random;

/**
 * Logs Insights queries as a confused or hostile user writes them: commands, functions,
 * operators, regexes (catastrophic ones included), strings and numbers, assembled mostly
 * well-formed and sometimes not, plus {@code POST /api/query} bodies of any shape.
 */
final class RandomInsights {
    private static final List<String> FIELDS = List.of("@timestamp", "@message", "@log", "@logStream", "@type",
            "@requestId", "@duration", "@billedDuration", "@maxMemoryUsed", "@memorySize", "@initDuration",
            "errorType", "cart.items", "a.b.0.c", "`odd name`", "x", "@ingestionTime", "level");
    private static final List<String> VALUES = List.of("\"REPORT\"", "'x'", "1", "0", "-1", "1e308", "1e-308",
            "9223372036854775808", "NaN", "\"\"", "\"\\u0000\"", "\"\\\"\"", "100ms", "5m", "1w", "[1, 2, 3]",
            "/(a+)+$/", "/(x|xx)+y/", "/(?<user>\\S+) logged/", "/[a-z]{1,100}{1,100}/", "/(?i)error/", "/\\//",
            "/((((a*)*)*)*)b/", "/.*.*.*.*.*=/", "/(?<n>a)\\k<n>/");
    private static final List<String> FUNCTIONS = List.of("abs", "ceil", "log", "sqrt", "greatest", "coalesce",
            "concat", "strlen", "substr", "replace", "strcontains", "bin", "datefloor", "fromMillis", "toMillis",
            "isValidIp", "isIpInSubnet", "count", "count_distinct", "sum", "avg", "min", "max", "stddev", "pct",
            "earliest", "latest", "ltrim", "nosuchfunction");
    private static final List<String> OPERATORS = List.of(" = ", " != ", " < ", " >= ", " like ", " not like ",
            " =~ ", " in ", " and ", " or ", " + ", " * ", " / ", " % ", " ^ ", " - ");

    private final Random r;

    RandomInsights(Random r) {
        this.r = r;
    }

    String query() {
        if (r.nextInt(60) == 0) {
            return "fields " + "@message, ".repeat(r.nextInt(2_000)) + "@message"; // near and over 10,000 characters
        }
        StringBuilder q = new StringBuilder();
        for (int i = r.nextInt(4); i >= 0; i--) {
            if (q.length() > 0) {
                q.append(r.nextInt(20) == 0 ? " || " : " | ");
            }
            q.append(command());
        }
        if (r.nextInt(10) == 0) {
            int at = r.nextInt(q.length() + 1);
            q.insert(at, List.of("(", ")", "\"", "/", "|", "`", "#", "\n", ",").get(r.nextInt(9)));
        }
        return q.toString();
    }

    private String command() {
        return switch (r.nextInt(10)) {
            case 0 -> "fields " + expr(0) + ", " + expr(0) + " as y";
            case 1, 2 -> "filter " + expr(0);
            case 3 -> "stats " + function() + "(" + field() + ")" + (r.nextBoolean() ? " by " + expr(1) : "");
            case 4 -> "sort " + field() + (r.nextBoolean() ? " desc" : " asc");
            case 5 -> "limit " + pick(List.of("1", "10000", "10001", "0", "-5", "1.5", "99999999999"));
            case 6 -> "parse " + field() + (r.nextBoolean() ? " \"* RequestId: *\" as a, b" : " " + pick(VALUES));
            case 7 -> "display " + field();
            case 8 -> "dedup " + field();
            default -> pick(List.of("pattern @message", "stats count(*) by bin(1ms)", "unknown x", "", "filter",
                    "stats pct(@duration, 101)", "fields"));
        };
    }

    private String expr(int depth) {
        if (depth > 3 || r.nextInt(3) == 0) {
            return r.nextBoolean() ? field() : pick(VALUES);
        }
        return switch (r.nextInt(4)) {
            case 0 -> expr(depth + 1) + pick(OPERATORS) + expr(depth + 1);
            case 1 -> function() + "(" + expr(depth + 1) + (r.nextBoolean() ? ", " + expr(depth + 1) : "") + ")";
            case 2 -> "(" + expr(depth + 1) + ")";
            default -> "not " + expr(depth + 1);
        };
    }

    private String field() {
        return pick(FIELDS);
    }

    private String function() {
        return pick(FUNCTIONS);
    }

    /** A POST /api/query body, usually well-formed JSON around the query. */
    String body(long nowSeconds) {
        String query = com.fasterxml.jackson.databind.node.TextNode.valueOf(query()).toString();
        boolean odd = r.nextInt(4) == 0;
        String start = !odd ? Long.toString(nowSeconds - 600) : pick(List.of("0", "-1", "1e20", "\"x\"", "null",
                Long.toString(Long.MAX_VALUE), Long.toString(nowSeconds - 86_400 * 400L)));
        String end = !odd ? Long.toString(nowSeconds + 60) : pick(List.of(Long.toString(nowSeconds), "0", "null",
                Long.toString(Long.MIN_VALUE)));
        String groups = !odd || r.nextBoolean() ? "[\"/aws/lambda/orders\", \"/aws/lambda/fz\"]"
                : pick(List.of("[]", "null", "\"x\"", "[1]", "[\"\"]"));
        String limit = !odd ? "100" : pick(List.of("null", "0", "10001", "1.5", "\"10\"", "-1"));
        return switch (r.nextInt(12)) {
            case 0 -> "{\"query\": " + query + "}";
            case 1 -> "[" + query + "]";
            case 2 -> "{\"query\": 7}";
            case 3 -> "";
            default -> "{\"query\": " + query + ", \"startTime\": " + start + ", \"endTime\": " + end
                    + ", \"logGroupNames\": " + groups + ", \"limit\": " + limit + "}";
        };
    }

    private <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }
}
