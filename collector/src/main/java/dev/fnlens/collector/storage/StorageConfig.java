package dev.fnlens.collector.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.storage.opensearch.OpenSearchConfig;

/**
 * Which {@link Storage} a collector uses: the embedded Lucene store under its data directory
 * (default), or OpenSearch (config file section {@code storage: {type: opensearch, urls: [...]}}).
 *
 * @param openSearch the cluster, or null for the embedded store
 */
public record StorageConfig(OpenSearchConfig openSearch) {
    public static final StorageConfig EMBEDDED = new StorageConfig(null);

    public static StorageConfig openSearch(OpenSearchConfig config) {
        return new StorageConfig(java.util.Objects.requireNonNull(config));
    }

    public boolean embedded() {
        return openSearch == null;
    }

    /** The {@code storage} section of the config file. */
    public static StorageConfig fromJson(JsonNode storage) {
        if (!storage.isObject()) {
            throw new IllegalArgumentException("storage must be a map, e.g. {type: opensearch, urls: [http://127.0.0.1:9200]}");
        }
        String type = storage.path("type").asText("embedded");
        return switch (type) {
            case "embedded" -> {
                if (storage.size() > 1) {
                    throw new IllegalArgumentException("storage: the embedded store takes no settings besides type");
                }
                yield EMBEDDED;
            }
            case "opensearch" -> openSearch(OpenSearchConfig.fromJson(storage));
            default -> throw new IllegalArgumentException("storage.type must be embedded or opensearch, got '" + type + "'");
        };
    }
}
