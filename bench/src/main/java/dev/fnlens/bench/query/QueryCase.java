package dev.fnlens.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One question asked of both systems: as fnlens asks it (full-text search or Logs Insights
 * query) and as the OpenSearch query DSL. {@code %RANGE%} in the DSL is the data set's time
 * range filter. The answers are summarised so a reader can see both systems agree.
 */
record QueryCase(String name, String fnlensSearch, String insights, String openSearchDsl,
                 Function<JsonNode, String> fnlensAnswer, Function<JsonNode, String> openSearchAnswer,
                 List<String> page) {

    QueryCase(String name, String fnlensSearch, String insights, String openSearchDsl,
              Function<JsonNode, String> fnlensAnswer, Function<JsonNode, String> openSearchAnswer) {
        this(name, fnlensSearch, insights, openSearchDsl, fnlensAnswer, openSearchAnswer, null);
    }

    /**
     * The queries the web UI's Functions page sends at once (ui/.../js/metrics.js and pages/functions.js, with a
     * 5-minute bin as for a 6 h range), measured until the last answer; fnlens only.
     */
    static QueryCase functionsPage() {
        return new QueryCase("Functions page, 4 queries at once", null, null, null, QueryCase::rows, null, List.of(
                "filter @type = \"REPORT\" | stats count() as invocations, count(@initDuration) as coldStarts,"
                        + " avg(@initDuration) as avgInit, pct(@duration, 50) as p50, pct(@duration, 95) as p95,"
                        + " pct(@duration, 99) as p99, max(@maxMemoryUsed) as maxMemoryUsed,"
                        + " max(@memorySize) as memorySize, sum(@billedDuration * @memorySize) as billedByteMs by @log",
                "filter @type = \"REPORT\" and @status = \"error\" | stats count() as errors by @log",
                "filter @type = \"REPORT\" and @status = \"timeout\" | stats count() as timeouts by @log",
                "filter @type = \"REPORT\" | stats count() as n by @log, bin(5m)"));
    }

    static final String RANGE = "{\"range\":{\"@timestamp\":{\"gte\":%d,\"lte\":%d,\"format\":\"epoch_millis\"}}}";
    private static final String REPORTS = "{\"term\":{\"@type\":\"REPORT\"}}";

    boolean isSearch() {
        return fnlensSearch != null;
    }

    /** What fnlens runs, as a reader would type it. */
    String fnlensText() {
        return page != null ? String.join("` + `", page) : isSearch() ? "GET /api/search q=" + fnlensSearch : insights;
    }

    static List<QueryCase> standard() {
        return List.of(
                new QueryCase("full-text term", "throttled", null, searchDsl(
                        "{\"match\":{\"@message\":{\"query\":\"throttled\",\"operator\":\"and\"}}}"),
                        QueryCase::searchMatched, QueryCase::hitsTotal),
                new QueryCase("phrase", "\"declined by issuer\"", null, searchDsl(
                        "{\"match_phrase\":{\"@message\":\"declined by issuer\"}}"),
                        QueryCase::searchMatched, QueryCase::hitsTotal),
                new QueryCase("phrase in REPORT lines", "\"Memory Size: 512 MB\"", null, searchDsl(
                        "{\"match_phrase\":{\"@message\":\"Memory Size: 512 MB\"}}"),
                        QueryCase::searchMatched, QueryCase::hitsTotal),
                new QueryCase("count by bin(5m)", null, "stats count(*) by bin(5m)", """
                        {"size":0,"track_total_hits":false,"query":{"bool":{"filter":[%RANGE%]}},
                         "aggs":{"t":{"date_histogram":{"field":"@timestamp","fixed_interval":"5m"}}}}""",
                        r -> rowsAndSum(r, "count(*)"), r -> bucketsAndSum(r.path("aggregations").path("t"))),
                new QueryCase("p99 duration by function", null,
                        "filter @type = \"REPORT\" | stats pct(@duration, 99) by @log", """
                        {"size":0,"track_total_hits":false,"query":{"bool":{"filter":[%RANGE%,%REPORTS%]}},
                         "aggs":{"fn":{"terms":{"field":"@log","size":1000},
                           "aggs":{"p99":{"percentiles":{"field":"@duration","percents":[99]}}}}}}""",
                        QueryCase::rows, r -> buckets(r.path("aggregations").path("fn"))),
                new QueryCase("cold-start share by bin(5m)", null,
                        "filter @type = \"REPORT\" | stats sum(ispresent(@initDuration)) / count(*) as coldShare"
                                + " by bin(5m)", """
                        {"size":0,"track_total_hits":false,"query":{"bool":{"filter":[%RANGE%,%REPORTS%]}},
                         "aggs":{"t":{"date_histogram":{"field":"@timestamp","fixed_interval":"5m"},
                           "aggs":{"cold":{"value_count":{"field":"@initDuration"}}}}}}""",
                        QueryCase::rows, r -> buckets(r.path("aggregations").path("t"))),
                new QueryCase("top 100 slowest", null,
                        "filter @type = \"REPORT\" | sort @duration desc | limit 100", """
                        {"size":100,"query":{"bool":{"filter":[%RANGE%,%REPORTS%]}},"sort":[{"@duration":"desc"}]}""",
                        QueryCase::rows, r -> r.path("hits").path("hits").size() + " rows"),
                // the console's query with a filter typed after its fields; OpenSearch: the words error or warn
                new QueryCase("newest 20 with ERROR or WARN", null,
                        "fields @timestamp, @message | filter @message like /ERROR|WARN/ | sort @timestamp desc"
                                + " | limit 20", """
                        {"size":20,"track_total_hits":true,"sort":[{"@timestamp":"desc"}],"query":{"bool":{"filter":[
                          %RANGE%,{"bool":{"should":[{"match":{"@message":"ERROR"}},{"match":{"@message":"WARN"}}]}}]}}}""",
                        r -> rows(r) + ", " + searchMatched(r),
                        r -> r.path("hits").path("hits").size() + " rows, " + hitsTotal(r)),
                // OpenSearch: words containing either, which its lower-cased terms make case-insensitive
                new QueryCase("count of a case-insensitive regex", null,
                        "filter @message like /(?i)(exception|error)/ | stats count(*)", """
                        {"size":0,"track_total_hits":true,"query":{"bool":{"filter":[%RANGE%,{"bool":{"should":[
                          {"wildcard":{"@message":"*exception*"}},{"wildcard":{"@message":"*error*"}}]}}]}}}""",
                        r -> rowsAndSum(r, "count(*)"), QueryCase::hitsTotal),
                functionsPage());
    }

    String openSearchBody(long fromMillis, long toMillis) {
        return openSearchDsl.replace("%RANGE%", String.format(Locale.ROOT, RANGE, fromMillis, toMillis))
                .replace("%REPORTS%", REPORTS);
    }

    /** Newest 100 matches, with an exact total, as fnlens' search answers. */
    private static String searchDsl(String match) {
        return "{\"size\":100,\"track_total_hits\":true,\"sort\":[{\"@timestamp\":\"desc\"}],"
                + "\"query\":{\"bool\":{\"filter\":[%RANGE%],\"must\":[" + match + "]}}}";
    }

    private static String searchMatched(JsonNode r) {
        return String.format(Locale.ROOT, "%,d matched", r.path("statistics").path("recordsMatched").asLong());
    }

    private static String hitsTotal(JsonNode r) {
        return String.format(Locale.ROOT, "%,d matched", r.path("hits").path("total").path("value").asLong());
    }

    private static String rows(JsonNode r) {
        return r.path("results").size() + " rows";
    }

    private static String rowsAndSum(JsonNode r, String field) {
        long sum = 0;
        for (JsonNode row : r.path("results")) {
            for (JsonNode cell : row) {
                if (field.equals(cell.path("field").asText())) {
                    sum += (long) Double.parseDouble(cell.path("value").asText("0"));
                }
            }
        }
        return String.format(Locale.ROOT, "%d rows, total %,d", r.path("results").size(), sum);
    }

    private static String buckets(JsonNode agg) {
        return agg.path("buckets").size() + " buckets";
    }

    private static String bucketsAndSum(JsonNode agg) {
        long sum = 0;
        for (JsonNode b : agg.path("buckets")) {
            sum += b.path("doc_count").asLong();
        }
        return String.format(Locale.ROOT, "%d buckets, total %,d", agg.path("buckets").size(), sum);
    }
}
