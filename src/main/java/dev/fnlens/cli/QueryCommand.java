package dev.fnlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fnlens query '<insights query>' [--since 1h] [--url URL]}: runs a Logs Insights query, prints a table.
 * A read token is taken from {@code FNLENS_TOKEN}.
 */
final class QueryCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SINCE = Pattern.compile("(\\d+)([smhdw])");
    private static final int MAX_CELL = 120;

    private QueryCommand() {
    }

    /** @return the process exit code: 0 answered, 1 the query or the collector refused it */
    static int run(Args args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Duration since = since(args.take("--since").orElse("1h"));
        String url = args.take("--url").orElse("http://127.0.0.1:8080");
        String[] rest = args.rest();
        if (rest.length != 1) {
            throw new IllegalArgumentException("query takes one query string, e.g. fnlens query 'filter @type = \"REPORT\" | stats count(*)'");
        }
        long end = System.currentTimeMillis() / 1000 + 1;
        ObjectNode body = JSON.createObjectNode().put("query", rest[0])
                .put("startTime", end - since.toSeconds()).put("endTime", end);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/query"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        String token = System.getenv("FNLENS_TOKEN"); // a read token, once the collector has tokens
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() != 200) {
            err.println("fnlens: " + answer.path("message").asText("the collector answered " + response.statusCode()));
            return 1;
        }
        printTable(answer, out);
        JsonNode stats = answer.path("statistics");
        err.printf("%s: %d rows, %d records matched of %d scanned%n", answer.path("status").asText(),
                answer.path("results").size(), stats.path("recordsMatched").asLong(), stats.path("recordsScanned").asLong());
        return 0;
    }

    static void printTable(JsonNode answer, PrintStream out) {
        Set<String> columns = new LinkedHashSet<>();
        answer.path("columns").forEach(c -> columns.add(c.asText()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("results")) {
            Map<String, String> cells = new java.util.HashMap<>();
            for (JsonNode cell : row) {
                columns.add(cell.path("field").asText());
                cells.put(cell.path("field").asText(), clip(cell.path("value").asText()));
            }
            rows.add(cells);
        }
        List<String> header = List.copyOf(columns);
        int[] widths = header.stream().mapToInt(String::length).toArray();
        for (Map<String, String> row : rows) {
            for (int i = 0; i < header.size(); i++) {
                widths[i] = Math.max(widths[i], row.getOrDefault(header.get(i), "").length());
            }
        }
        out.println(line(header, widths));
        out.println(line(header.stream().map(h -> "-".repeat(widths[header.indexOf(h)])).toList(), widths));
        for (Map<String, String> row : rows) {
            out.println(line(header.stream().map(h -> row.getOrDefault(h, "")).toList(), widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, widths[i]) + "s", cells.get(i)));
        }
        return line.toString().stripTrailing();
    }

    /** Log content may hold tabs, newlines and terminal escapes: a table cell shows them harmlessly, on one line. */
    private static String clip(String value) {
        String flat = value.replaceAll("[\\p{Cntrl}&&[^\\t]]", "\u2420").replace('\t', ' ');
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "\u2026";
    }

    static Duration since(String text) {
        Matcher m = SINCE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--since takes a number and a unit (s, m, h, d, w), e.g. 15m or 7d; was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
