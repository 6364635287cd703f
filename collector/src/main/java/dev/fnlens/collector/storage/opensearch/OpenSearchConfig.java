package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the OpenSearch store lives. Config file:
 * <pre>{@code
 * storage:
 *   type: opensearch
 *   urls: [http://10.0.0.5:9200, http://10.0.0.6:9200]
 *   username: fnlens        # optional, HTTP basic
 *   password: secret
 *   index-prefix: fnlens    # indices fnlens-events-YYYY.MM.DD
 *   shards: 1
 *   replicas: 1
 * }</pre>
 *
 * @param urls        nodes to talk to; requests go round-robin and fail over to the next
 * @param username    HTTP basic user, or null for none
 * @param password    HTTP basic password, or null for none
 * @param indexPrefix prefix of every index fnlens creates ({@code <prefix>-events-*}, {@code <prefix>-leases})
 * @param shards      primary shards per day index
 * @param replicas    replicas of each shard
 */
public record OpenSearchConfig(List<URI> urls, String username, String password, String indexPrefix, int shards,
                               int replicas) {
    public static final String DEFAULT_PREFIX = "fnlens";

    public OpenSearchConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("storage.urls must name at least one OpenSearch node, e.g."
                    + " [http://127.0.0.1:9200]");
        }
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("storage.urls: '" + url + "' is not an http(s)://host:port URL");
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("storage: username and password go together");
        }
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("storage.index-prefix must be lower-case letters, digits, - or _,"
                    + " got '" + indexPrefix + "'");
        }
        if (shards < 1 || replicas < 0) {
            throw new IllegalArgumentException("storage: shards must be at least 1 and replicas at least 0");
        }
    }

    /** Unauthenticated nodes, prefix {@value #DEFAULT_PREFIX}, one shard, no replica. */
    public static OpenSearchConfig of(List<URI> urls) {
        return new OpenSearchConfig(urls, null, null, DEFAULT_PREFIX, 1, 0);
    }

    public OpenSearchConfig withIndexPrefix(String prefix) {
        return new OpenSearchConfig(urls, username, password, prefix, shards, replicas);
    }

    public OpenSearchConfig withReplicas(int n) {
        return new OpenSearchConfig(urls, username, password, indexPrefix, shards, n);
    }

    /** The {@code storage} section of the config file (its {@code type} already read). */
    public static OpenSearchConfig fromJson(JsonNode storage) {
        List<URI> urls = new ArrayList<>();
        String username = null;
        String password = null;
        String prefix = DEFAULT_PREFIX;
        int shards = 1;
        int replicas = 0;
        for (Map.Entry<String, JsonNode> e : storage.properties()) {
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "type" -> {
                }
                case "urls" -> {
                    for (JsonNode url : v.isArray() ? v : List.of(v)) {
                        urls.add(uri(url.asText()));
                    }
                }
                case "username" -> username = v.asText();
                case "password" -> password = v.asText();
                case "index-prefix" -> prefix = v.asText();
                case "shards" -> shards = count(e.getKey(), v);
                case "replicas" -> replicas = count(e.getKey(), v);
                default -> throw new IllegalArgumentException("unknown setting 'storage." + e.getKey()
                        + "'; the OpenSearch store takes urls, username, password, index-prefix, shards, replicas");
            }
        }
        return new OpenSearchConfig(urls, username, password, prefix, shards, replicas);
    }

    private static URI uri(String text) {
        try {
            return URI.create(text.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage.urls: '" + text + "' is not a URL");
        }
    }

    private static int count(String key, JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() && !v.asText().matches("\\d+")) {
            throw new IllegalArgumentException("storage." + key + " expects a whole number, got '" + v.asText() + "'");
        }
        return v.asInt();
    }
}
