package dev.fnlens.collector.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random queries of the shapes the column-wise path takes, and some it must leave to the row engine. */
final class ColumnarCorpus {
    private static final List<String> FILTERS = List.of(
            "@type = \"REPORT\"", "@type != \"START\"", "@log = \"/aws/lambda/orders\"",
            "@log in [\"/aws/lambda/orders\", \"/aws/lambda/users\", \"/aws/lambda/odd\"]", "@duration > 80",
            "@duration <= 40.5", "ispresent(@initDuration)", "not ispresent(@initDuration)",
            "@type = \"REPORT\" and @memorySize >= 1000000000", "@billedDuration < 60 or @type = \"END\"",
            "@type in [\"START\", \"END\"]", "@maxMemoryUsed = 1000000");
    private static final List<String> NUMBERS = List.of(
            "@duration", "@billedDuration", "@initDuration", "@maxMemoryUsed", "@memorySize", "@timestamp",
            "@ingestionTime", "ispresent(@initDuration)", "@billedDuration * @memorySize",
            "@maxMemoryUsed / @memorySize", "@duration - @billedDuration", "-@duration", "@maxMemoryUsed / 1000 / 1000",
            "@duration % 7", "@duration ^ 0.5", "@duration + 0.1", "2.5");
    private static final List<String> KEYS = List.of(
            "@log", "@type", "@logStream", "bin(5m)", "bin(100ms)", "bin(1s)", "bin(1h)", "datefloor(@timestamp, 30s)",
            // discovered JSON fields: strings, a boolean, numbers, a nested field
            "level", "ok", "orderId", "latencyMs", "cart.currency");
    /**
     * Discovered JSON fields whose numbers sum, avg, min, max and pct read column-wise: numbers, numeric and other
     * text, booleans, values too long for a term.
     */
    private static final List<String> JSON_NUMBERS = List.of("latencyMs", "level", "ok", "orderId");
    private static final List<String> PERCENTS = List.of("0", "1", "50", "95", "99", "99.9", "100");
    private static final List<String> SORTED = List.of(
            "@duration", "@billedDuration", "@initDuration", "@maxMemoryUsed", "@memorySize");

    private ColumnarCorpus() {
    }

    static String stats(Random random) {
        StringBuilder q = new StringBuilder(filters(random));
        List<String> projections = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            projections.add(aggregate(random) + " as a" + i);
        }
        if (n > 1 && random.nextInt(3) == 0) {
            projections.add("a1 / a0 + a0 as derived");
        }
        q.append("stats ").append(String.join(", ", projections));
        int keys = random.nextInt(3);
        List<String> by = new ArrayList<>();
        while (by.size() < keys) {
            String k = pick(random, KEYS);
            if (!by.contains(k)) {
                by.add(k);
            }
        }
        if (!by.isEmpty()) {
            q.append(" by ").append(String.join(", ", by));
        }
        switch (random.nextInt(5)) {
            case 0 -> q.append(" | sort a0 desc | limit 3");
            case 1 -> q.append(" | filter a0 > 1");
            case 2 -> q.append(" | limit 2");
            default -> { }
        }
        return q.toString();
    }

    static String newest(Random random) {
        String fields = random.nextInt(3) == 0 ? "fields @timestamp, @message, @requestId | " : "";
        String q = filters(random) + fields + "sort @timestamp desc";
        return random.nextInt(4) == 0 ? q : q + " | limit " + (1 + random.nextInt(random.nextBoolean() ? 20 : 2000));
    }

    static String topK(Random random) {
        String fields = random.nextInt(3) == 0 ? "fields @requestId, @duration * 2 as twice | " : "";
        String q = filters(random) + fields + "sort " + pick(random, SORTED) + (random.nextBoolean() ? " desc" : " asc");
        return random.nextInt(4) == 0 ? q : q + " | limit " + (1 + random.nextInt(200));
    }

    private static String filters(Random random) {
        StringBuilder q = new StringBuilder();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            q.append("filter ").append(pick(random, FILTERS)).append(" | ");
        }
        return q.toString();
    }

    private static String aggregate(Random random) {
        String x = pick(random, NUMBERS);
        String n = random.nextInt(4) == 0 ? pick(random, JSON_NUMBERS) : x;
        return switch (random.nextInt(10)) {
            case 0 -> "count()";
            case 1 -> "count(" + pick(random, List.of("*", "@requestId", "@type", "@message", x)) + ")";
            case 2 -> "sum(" + n + ")";
            case 3 -> "avg(" + n + ")";
            case 4 -> "min(" + n + ")";
            case 5 -> "max(" + n + ")";
            case 6 -> "pct(" + n + ", " + pick(random, PERCENTS) + ")";
            case 7 -> "percentile(" + n + ", " + pick(random, PERCENTS) + ")";
            case 8 -> "count_distinct(" + (random.nextBoolean() ? x
                    : pick(random, List.of("@requestId", "@logStream", "@type", "@log"))) + ")";
            default -> "sum(" + x + ") / count(*)";
        };
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    static List<String> rowEngineOnly() {
        return List.of(
                "filter @message like /Dur.tion/ | stats count() by @log", // a filter Lucene matches loosely
                "filter level = \"WARN\" | stats count()",
                "stats stddev(@duration) by @log",
                "stats earliest(@duration), latest(@requestId) by @log",
                "stats sum(@log)",
                "stats count(latencyMs) by @log", // the presence of any value, numbers or not
                "stats count_distinct(latencyMs)",
                "stats sum(latencyMs * 2) by @log",
                "stats count() by @requestId",
                "stats count() by @log, @type, bin(5m)",
                "stats sum(strlen(@message))",
                "stats sum(@duration > 100)",
                "fields @duration * 2 as d | stats sum(d)",
                "parse @message \"Duration: * ms\" as d | stats count() by d",
                "limit 10 | stats count()",
                "sort @timestamp asc | limit 5",
                "sort @duration desc, @billedDuration | limit 5",
                "sort @duration * 2 desc | limit 5",
                "filter @type = \"REPORT\" | sort @duration desc | dedup @log",
                "fields @billedDuration as @duration | sort @duration desc | limit 3",
                "filter @type = \"REPORT\" | parse @message \"Duration: * ms\" as d | sort @duration desc | limit 3",
                "filter @type = \"REPORT\" | fields @duration as d | filter d > 5 | sort @duration desc | limit 3");
    }
}
