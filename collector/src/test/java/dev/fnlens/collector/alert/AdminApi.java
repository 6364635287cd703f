package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to the collector's {@code /api/alerts} as an admin client makes them. */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    record Answer(int status, JsonNode json) {
    }

    AdminApi(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String json) {
        return send("POST", path, json);
    }

    Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** POST that must answer 201. */
    JsonNode create(String path, String json) {
        Answer a = post(path, json);
        if (a.status() != 201) {
            throw new IllegalStateException(path + " answered " + a.status() + ": " + a.json());
        }
        return a.json();
    }

    String metrics() {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
