package dev.fnlens.collector.hostile;

import java.util.List;
import java.util.Random;

/**
 * Search requests as a confused or hostile user types them: Lucene syntax assembled from
 * its operators, fields, ranges, regexes, wildcards and fuzzy terms in any order, plus odd
 * time ranges, limits and log groups.
 */
final class RandomQueries {
    private static final List<String> TOKENS = List.of("(", ")", "\"", "*", "?", "~", "~2", "^", "^-1", ":", "[",
            "]", "{", "}", " TO ", "/", "\\", " AND ", " OR ", " NOT ", "+", "-", "&&", "||", "!", "@duration:",
            "@timestamp:", "@type:", "@requestId:", "@log:", "@message:", "errorType:", "@maxMemoryUsed:",
            "@ingestionTime:", "REPORT", "error", "timeout", "8f507cfc-xmpl-4697", "java.lang.Exception", "1000",
            "-1", "1e309", "NaN", "9223372036854775807", "/.*a.*b.*c/", "/(a|aa)+/", "/[a-z]{1,1000}{1,1000}/",
            "/a{0,65535}/", "/(((((a*)*)*)*)*)/", "*a*", "?*?*?*", "a~", "ab~2", "\"a b\"~1000", " ", "\u0000",
            "\ud800", "é", "日本", "_exists_:", "#", "<", ">=", "[* TO *]", "{1 TO 0}");

    private final Random r;

    RandomQueries(Random r) {
        this.r = r;
    }

    /** A path and query string for GET /api/search. */
    String searchUrl(long nowSeconds) {
        StringBuilder url = new StringBuilder("/api/search?q=").append(enc(query()));
        if (r.nextInt(3) == 0) {
            url.append("&start=").append(enc(number(nowSeconds - 86_400)));
        }
        if (r.nextInt(3) == 0) {
            url.append("&end=").append(enc(number(nowSeconds)));
        }
        if (r.nextInt(3) == 0) {
            url.append("&limit=").append(enc(number(100)));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            url.append("&logGroup=").append(enc(r.nextBoolean() ? "/aws/lambda/orders" : query()));
        }
        return url.toString();
    }

    String query() {
        if (r.nextInt(50) == 0) {
            return "a ".repeat(r.nextInt(6_000)); // long, possibly over the limit
        }
        StringBuilder q = new StringBuilder();
        for (int i = r.nextInt(12); i >= 0; i--) {
            q.append(r.nextInt(4) == 0 ? " " : "").append(TOKENS.get(r.nextInt(TOKENS.size())));
        }
        return q.toString();
    }

    private String number(long typical) {
        return switch (r.nextInt(8)) {
            case 0 -> "-1";
            case 1 -> "0";
            case 2 -> Long.toString(Long.MAX_VALUE);
            case 3 -> Long.toString(Long.MIN_VALUE);
            case 4 -> "99999999999999999999";
            case 5 -> "x";
            case 6 -> "";
            default -> Long.toString(typical);
        };
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
