package dev.fnlens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The collector's read API as the tests use it: over real HTTP, like the UI. */
public final class CollectorApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public CollectorApi(int httpPort) {
        this.baseUrl = "http://127.0.0.1:" + httpPort;
    }

    /** Events of a log group over the last hour, newest first. */
    public List<JsonNode> search(String logGroup, String query) throws IOException, InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        String url = baseUrl + "/api/search?limit=1000&start=" + (now - 3600) + "&end=" + (now + 60)
                + "&logGroup=" + enc(logGroup) + "&q=" + enc(query);
        JsonNode body = get(url);
        List<JsonNode> events = new ArrayList<>();
        body.get("events").forEach(events::add);
        return events;
    }

    /** Polls until the events satisfy the condition (ingest is asynchronous to the function). */
    public List<JsonNode> awaitEvents(String logGroup, String query, Predicate<List<JsonNode>> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> events = search(logGroup, query);
        while (!done.test(events) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            events = search(logGroup, query);
        }
        return events;
    }

    public JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
