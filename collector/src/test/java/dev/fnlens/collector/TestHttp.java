package dev.fnlens.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** A real HTTP client for the collector's ports, as agents and browsers use them. */
public final class TestHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String otlpBase;
    private final String httpBase;
    private final int httpPort;

    public TestHttp(int otlpPort, int httpPort) {
        this.httpPort = httpPort;
        this.otlpBase = "http://127.0.0.1:" + otlpPort;
        this.httpBase = "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The full URL of a path on the ingest port. */
    public String otlpUrl(String path) {
        return otlpBase + path;
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        return post(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    public HttpResponse<byte[]> post(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(otlpBase + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType).POST(body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A JSON POST on the HTTP (API) port. */
    public HttpResponse<byte[]> postApi(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(httpBase + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(httpBase + pathAndQuery)).timeout(Duration.ofSeconds(30)).build());
    }

    public JsonNode getJson(String pathAndQuery) {
        return json(get(pathAndQuery));
    }

    /** Events matching {@code q} over the last day, newest first. */
    public JsonNode search(String q, int limit) {
        long now = System.currentTimeMillis() / 1000;
        return getJson("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&start=" + (now - 86_400) + "&end=" + (now + 60) + "&limit=" + limit);
    }

    /** Events of one log group matching {@code q} over the last day, newest first. */
    public JsonNode search(String q, String logGroup, int limit) {
        long now = System.currentTimeMillis() / 1000;
        return getJson("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&logGroup=" + URLEncoder.encode(logGroup, StandardCharsets.UTF_8)
                + "&start=" + (now - 86_400) + "&end=" + (now + 60) + "&limit=" + limit);
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
