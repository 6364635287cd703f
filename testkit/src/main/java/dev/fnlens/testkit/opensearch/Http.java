package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP/1.1 calls to a node over loopback, with JSON bodies: enough to start, watch and fill a node. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A status and the body as text. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private Http() {
    }

    public static Response get(URI uri) throws IOException {
        return send("GET", uri, null);
    }

    /** {@code json} may be null for no body. */
    public static Response send(String method, URI uri, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + uri, e);
        }
    }

    /** Fails unless the answer is 2xx; returns its body. */
    public static String expectOk(String method, URI uri, String json) throws IOException {
        Response r = send(method, uri, json);
        if (!r.ok()) {
            String body = r.body().length() <= 500 ? r.body() : r.body().substring(0, 500) + "…";
            throw new IOException(method + " " + uri + " answered " + r.status() + ": " + body);
        }
        return r.body();
    }
}
