package dev.fnlens.bench.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.bench.Http;
import java.io.IOException;
import java.net.URI;

/** The calls the benchmarks make on one Lambda events index. */
public final class OpenSearchIndex {
    private final URI base;
    private final String name;

    public OpenSearchIndex(URI base, String name) {
        this.base = base;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Drops the index if it exists and creates it again under {@link LambdaIndexTemplate}. */
    public void recreate() throws IOException {
        Http.expectJson("PUT", base.resolve("/_index_template/" + name), LambdaIndexTemplate.body(name + "*"));
        Http.sendJson("DELETE", base.resolve("/" + name), null);
        Http.expectJson("PUT", base.resolve("/" + name), "{}");
    }

    public boolean exists() throws IOException {
        return Http.send("HEAD", base.resolve("/" + name), null, null).ok();
    }

    /** Sends one {@code _bulk} body; fails on any item error. */
    public void bulk(byte[] ndjson) throws IOException {
        // filter_path keeps the answer small: only item errors come back
        Http.Response r = Http.send("POST", base.resolve("/" + name + "/_bulk?filter_path=errors,items.*.error"),
                "application/x-ndjson", ndjson);
        if (!r.ok() || r.json().path("errors").asBoolean(true)) {
            throw new IOException("bulk failed (HTTP " + r.status() + "): " + Http.abbreviate(r.text()));
        }
    }

    public long count() throws IOException {
        return Http.expectJson("GET", base.resolve("/" + name + "/_count"), null).path("count").asLong();
    }

    /** Commits everything to Lucene segments and trims the translog. */
    public void flush() throws IOException {
        Http.expectJson("POST", base.resolve("/" + name + "/_flush?wait_if_ongoing=true"), null);
    }

    /** Lucene files of the index as OpenSearch counts them. */
    public long storeBytes() throws IOException {
        JsonNode stats = Http.expectJson("GET", base.resolve("/" + name + "/_stats/store"), null);
        return stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
    }

    public long segmentCount() throws IOException {
        JsonNode stats = Http.expectJson("GET", base.resolve("/" + name + "/_stats/segments"), null);
        return stats.path("_all").path("primaries").path("segments").path("count").asLong();
    }

    /** Heap in use on the (single) node now. */
    public long heapUsedBytes() throws IOException {
        JsonNode nodes = Http.expectJson("GET", base.resolve("/_nodes/stats/jvm"), null).path("nodes");
        long used = 0;
        for (JsonNode node : nodes) {
            used += node.path("jvm").path("mem").path("heap_used_in_bytes").asLong();
        }
        return used;
    }

    /** A search ({@code body} is the query DSL); the request cache is off so repeats are real work. */
    public Http.Response search(String body) throws IOException {
        return Http.sendJson("POST", base.resolve("/" + name + "/_search?request_cache=false"), body);
    }
}
