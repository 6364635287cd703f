package dev.fnlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The one HTTP client of the harness: HTTP/1.1 over loopback, for both systems alike. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A status and a body; the body is JSON for every call this harness makes but ingest. */
    public record Response(int status, byte[] body, String rejectedEvents) {
        public Response(int status, byte[] body) {
            this(status, body, null);
        }

        public boolean ok() {
            return status / 100 == 2;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + abbreviate(text()), e);
            }
        }
    }

    private Http() {
    }

    public static Response get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public static Response send(String method, URI uri, String contentType, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public static Response sendJson(String method, URI uri, String json) throws IOException {
        return send(method, uri, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails unless the answer is 2xx. */
    public static JsonNode expectJson(String method, URI uri, String json) throws IOException {
        Response r = sendJson(method, uri, json);
        if (!r.ok()) {
            throw new IOException(method + " " + uri + " answered " + r.status() + ": " + abbreviate(r.text()));
        }
        return r.json();
    }

    private static Response send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            // the collector names events it refused one by one in this header (Firehose ingest)
            return new Response(r.statusCode(), r.body(),
                    r.headers().firstValue("X-Fnlens-Rejected-Events").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
