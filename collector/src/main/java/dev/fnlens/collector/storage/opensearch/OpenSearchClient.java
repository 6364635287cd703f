package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenSearch's REST API over the JDK's HTTP client: requests go round-robin over the
 * configured nodes, and one that cannot be reached is skipped for the next. Thread-safe.
 */
final class OpenSearchClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    /** An answer: its status and body (parsed when JSON). */
    record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** OpenSearch's own reason ({@code error.reason}), else the start of the body. */
        String reason() {
            try {
                JsonNode error = json().path("error");
                JsonNode cause = error.path("root_cause").path(0).isObject() ? error.path("root_cause").path(0)
                        : error.path("failed_shards").path(0).path("reason");
                String reason = !error.isObject() ? error.asText()
                        : error.path("type").asText() + ": " + error.path("reason").asText()
                        + (cause.isObject() ? " (" + cause.path("type").asText() + ": " + cause.path("reason").asText() + ")"
                        : "");
                if (!reason.isBlank()) {
                    return reason;
                }
            } catch (IOException e) {
                // not JSON: the body says it
            }
            return body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }

    private final List<URI> nodes;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger next = new AtomicInteger();

    OpenSearchClient(OpenSearchConfig config) {
        this.nodes = config.urls();
        this.authorization = config.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path, Duration timeout) throws IOException {
        return send("GET", path, null, "application/json", timeout);
    }

    Response delete(String path, Duration timeout) throws IOException {
        return send("DELETE", path, null, "application/json", timeout);
    }

    Response json(String method, String path, Object body, Duration timeout) throws IOException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(method, path, text, "application/json", timeout);
    }

    /**
     * A search or count. A shard that has only just started (a new day's index) can fail a search for a moment
     * with 503: asked again after 200 ms, up to three times within {@code timeout}.
     */
    Response search(String path, Object body, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response response = json("POST", path, body, timeout);
        for (int retry = 0; retry < 3 && response.status() == 503; retry++) {
            long left = deadline - System.nanoTime() - RETRY_PAUSE.toNanos();
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while talking to OpenSearch", e);
            }
            response = json("POST", path, body, Duration.ofNanos(left));
        }
        return response;
    }

    Response bulk(String ndjson, Duration timeout) throws IOException {
        return send("POST", "/_bulk", ndjson, "application/x-ndjson", timeout);
    }

    /**
     * Sends to the next node; a node that refuses the connection is skipped for the one after.
     *
     * @throws HttpTimeoutException no answer within {@code timeout}
     * @throws IOException          no node could be reached
     */
    private Response send(String method, String path, String body, String contentType, Duration timeout)
            throws IOException {
        IOException last = null;
        int start = Math.floorMod(next.getAndIncrement(), nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            URI node = nodes.get((start + i) % nodes.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout)
                    .header("Content-Type", contentType)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response.statusCode(), response.body());
            } catch (HttpTimeoutException e) {
                throw e; // the node may still be working on it: not safe to assume it was not done
            } catch (ConnectException e) {
                last = new ConnectException(node + ": connection refused");
            } catch (IOException e) {
                last = new IOException(node + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while talking to OpenSearch", e);
            }
        }
        throw last;
    }

    /**
     * How many events of {@code indices} match {@code query}, asked by {@code deadlineNanos}.
     *
     * @throws QueryAbortedException when the deadline passes first
     */
    long count(List<String> indices, ObjectNode query, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new QueryAbortedException(true);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        try {
            return check(search("/" + String.join(",", indices) + "/_count?ignore_unavailable=true&allow_no_indices=true",
                    body, Duration.ofNanos(left)), "counting").json().path("count").asLong();
        } catch (HttpTimeoutException e) {
            throw new QueryAbortedException(true);
        }
    }

    /** Throws with OpenSearch's reason unless the answer is 2xx. */
    static Response check(Response response, String what) throws IOException {
        if (!response.ok()) {
            throw new IOException(what + ": OpenSearch answered " + response.status() + " " + response.reason());
        }
        return response;
    }
}
