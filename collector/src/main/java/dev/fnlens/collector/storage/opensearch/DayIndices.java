package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The day indices that exist, looked up at most once a second (or every 100 ms while a query's
 * range has a day without one, which the shipper may just have made): a query names only the days
 * it covers that have an index (none: no request at all), and retention deletes whole days.
 */
final class DayIndices {
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    /** A range with a day not seen yet looks again after this long: its index may have just been made. */
    private static final long MISSING_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OpenSearchClient client;
    private final EventDocuments documents;
    private NavigableMap<LocalDate, Long> days = new TreeMap<>();
    private Set<LocalDate> red = Set.of();
    private long readAtNanos;
    private boolean read;

    DayIndices(OpenSearchClient client, EventDocuments documents) {
        this.client = client;
        this.documents = documents;
    }

    /** The indices of the days that overlap {@code [fromMillis, toMillis]}, oldest first. */
    synchronized List<String> covering(long fromMillis, long toMillis) throws IOException {
        List<String> names = new ArrayList<>();
        if (fromMillis > toMillis) {
            return names;
        }
        LocalDate from = LocalDate.ofEpochDay(Math.floorDiv(fromMillis, 86_400_000L));
        LocalDate to = LocalDate.ofEpochDay(Math.floorDiv(toMillis, 86_400_000L));
        refreshIfStale();
        long known = days.subMap(from, true, to, true).size();
        if (known < to.toEpochDay() - from.toEpochDay() + 1 && System.nanoTime() - readAtNanos > MISSING_NANOS) {
            refresh();
        }
        for (LocalDate day : days.subMap(from, true, to, true).keySet()) {
            if (!red.contains(day)) { // no active primary (just made, or its node lost): nothing to search
                names.add(documents.index(day));
            }
        }
        return names;
    }

    /** Every day index that can be searched, oldest first. */
    synchronized List<String> all() throws IOException {
        refreshIfStale();
        return days.keySet().stream().filter(d -> !red.contains(d)).map(documents::index).toList();
    }

    /** The day indices without an active primary shard as of the last look, left out of queries. */
    synchronized List<String> unavailable() {
        return red.stream().map(documents::index).toList();
    }

    /** Events in these indices, as of the last look. */
    synchronized long documents(List<String> indices) {
        return indices.stream().map(documents::day).mapToLong(d -> days.getOrDefault(d, 0L)).sum();
    }

    /** Deletes the indices of days before {@code oldestKept}; answers the days deleted. */
    synchronized List<LocalDate> deleteBefore(LocalDate oldestKept) throws IOException {
        refresh();
        List<LocalDate> deleted = new ArrayList<>();
        for (LocalDate day : new ArrayList<>(days.headMap(oldestKept, false).keySet())) {
            OpenSearchClient.check(client.delete("/" + documents.index(day), TIMEOUT), "deleting " + documents.index(day));
            days.remove(day);
            deleted.add(day);
        }
        return deleted;
    }

    private void refreshIfStale() throws IOException {
        if (!read || System.nanoTime() - readAtNanos > FRESH_NANOS) {
            refresh();
        }
    }

    private void refresh() throws IOException {
        OpenSearchClient.Response response = client.get("/_cat/indices/" + documents.indexPattern()
                + "?format=json&h=index,docs.count,health&expand_wildcards=open", TIMEOUT);
        OpenSearchClient.check(response, "listing the day indices");
        NavigableMap<LocalDate, Long> found = new TreeMap<>();
        Set<LocalDate> foundRed = new TreeSet<>();
        for (JsonNode index : response.json()) {
            LocalDate day = documents.day(index.path("index").asText());
            if (day != null) {
                found.put(day, index.path("docs.count").asLong(0));
                if (index.path("health").asText().equals("red")) {
                    foundRed.add(day);
                }
            }
        }
        days = found;
        red = foundRed;
        readAtNanos = System.nanoTime();
        read = true;
    }
}
