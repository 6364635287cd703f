package dev.fnlens.bench.opensearch;

/**
 * The index template for CloudWatch-style Lambda events in OpenSearch: every {@code @} field
 * with its type (message as analysed text, names and ids as keywords, times as dates,
 * numbers as doubles), other string fields as keywords (what fnlens indexes them as),
 * one shard, no replica, and the translog fsynced before each bulk request is answered —
 * the same durability promise as fnlens' "200 after fsync".
 */
public final class LambdaIndexTemplate {
    private LambdaIndexTemplate() {
    }

    /** The body of {@code PUT _index_template/<name>} for indexes matching {@code pattern}. */
    public static String body(String pattern) {
        return """
                {
                  "index_patterns": ["%s"],
                  "template": {
                    "settings": {
                      "number_of_shards": 1,
                      "number_of_replicas": 0,
                      "refresh_interval": "1s",
                      "index.translog.durability": "request"
                    },
                    "mappings": {
                      "date_detection": false,
                      "dynamic_templates": [
                        {"strings_as_keywords": {"match_mapping_type": "string",
                          "mapping": {"type": "keyword", "ignore_above": 256}}}
                      ],
                      "properties": {
                        "@timestamp":      {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
                        "@ingestionTime":  {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
                        "@message":        {"type": "text"},
                        "@log":            {"type": "keyword"},
                        "@logStream":      {"type": "keyword"},
                        "@type":           {"type": "keyword"},
                        "@requestId":      {"type": "keyword"},
                        "@xrayTraceId":    {"type": "keyword"},
                        "@xraySegmentId":  {"type": "keyword"},
                        "@duration":       {"type": "double"},
                        "@billedDuration": {"type": "double"},
                        "@initDuration":   {"type": "double"},
                        "@memorySize":     {"type": "double"},
                        "@maxMemoryUsed":  {"type": "double"}
                      }
                    }
                  }
                }
                """.formatted(pattern);
    }
}
