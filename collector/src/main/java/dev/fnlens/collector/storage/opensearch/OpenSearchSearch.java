package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.search.EventSearch;
import dev.fnlens.collector.search.FunctionStat;
import dev.fnlens.collector.search.InvalidQueryException;
import dev.fnlens.collector.search.SearchRequest;
import dev.fnlens.collector.search.SearchResult;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Full-text search and the list of functions over OpenSearch: one search request each. */
final class OpenSearchSearch implements EventSearch {
    private static final String LAMBDA_PREFIX = "/aws/lambda/";

    private final OpenSearchClient client;
    private final EventDocuments documents;
    private final DayIndices days;
    private final Duration timeout;

    OpenSearchSearch(OpenSearchClient client, EventDocuments documents, DayIndices days, Duration timeout) {
        this.client = client;
        this.documents = documents;
        this.days = days;
        this.timeout = timeout;
    }

    @Override
    public SearchResult search(SearchRequest request) throws InvalidQueryException, IOException {
        long t0 = System.nanoTime();
        ObjectNode text = request.query().isBlank() ? OpenSearchPushdown.matchAll() : SearchSyntax.parse(request.query());
        List<String> indices = days.covering(request.fromMillis(), request.toMillis());
        if (indices.isEmpty()) {
            return new SearchResult(List.of(), 0, 0, 0, elapsedMillis(t0));
        }
        List<ObjectNode> filters = new ArrayList<>();
        filters.add(OpenSearchQueries.timeRange(request.fromMillis(), request.toMillis()));
        if (!request.logGroups().isEmpty()) {
            filters.add(OpenSearchPushdown.terms(LogEvent.LOG, request.logGroups()));
        }
        ObjectNode query = OpenSearchPushdown.bool("filter", filters);
        ((ObjectNode) query.get("bool")).putArray("must").add(text);
        HitStream newestFirst = new HitStream(client, indices, query, 0, () -> false, HitStream.ingestOrder(true),
                request.limit());
        ObjectNode body = newestFirst.body(request.limit(), null);
        body.put("track_total_hits", true);
        body.put("timeout", Math.max(1, timeout.toMillis()) + "ms");
        JsonNode answer;
        try {
            OpenSearchClient.Response response = client.search("/" + String.join(",", indices)
                    + "/_search?ignore_unavailable=true&allow_no_indices=true", body, timeout.plusSeconds(5));
            if (response.status() == 400) {
                throw new InvalidQueryException(response.reason());
            }
            answer = OpenSearchClient.check(response, "searching").json();
        } catch (HttpTimeoutException e) {
            return new SearchResult(List.of(), 0, days.documents(indices), indices.size(), elapsedMillis(t0), true);
        }
        List<LogEvent> events = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            events.add(EventDocuments.event(hit.path("_source")));
        }
        return new SearchResult(events, answer.path("hits").path("total").path("value").asLong(),
                days.documents(indices), indices.size(), elapsedMillis(t0), answer.path("timed_out").asBoolean());
    }

    @Override
    public List<FunctionStat> functions() throws IOException {
        List<FunctionStat> functions = new ArrayList<>();
        if (days.all().isEmpty()) {
            return functions;
        }
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.put("size", 0);
        ObjectNode groups = body.putObject("aggs").putObject("groups");
        groups.putObject("terms").put("field", LogEvent.LOG).put("size", 10_000).putObject("order").put("_key", "asc");
        groups.putObject("aggs").putObject("reports").set("filter", OpenSearchPushdown.term(LogEvent.TYPE, "REPORT"));
        JsonNode answer = OpenSearchClient.check(client.search("/" + documents.indexPattern() + "/_search",
                body, timeout), "listing functions").json();
        for (JsonNode bucket : answer.path("aggregations").path("groups").path("buckets")) {
            String name = bucket.path("key").asText();
            String function = name.startsWith(LAMBDA_PREFIX) ? name.substring(LAMBDA_PREFIX.length()) : name;
            functions.add(new FunctionStat(name, function, bucket.path("doc_count").asLong(),
                    bucket.path("reports").path("doc_count").asLong()));
        }
        return functions;
    }

    private static long elapsedMillis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
