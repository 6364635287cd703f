package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * How events are laid out in OpenSearch: one index per UTC day ({@code <prefix>-events-YYYY.MM.DD},
 * so retention deletes whole indices and a query names only the days it covers), made from an
 * index template that maps every field explicitly ({@code dynamic: false}: no field of a log
 * line can break a mapping and get a batch refused):
 * <ul>
 *   <li>{@code @message}: kept, not indexed; its tokens (the embedded store's: runs of letters or
 *       digits, lower-cased) are made here and indexed as {@code @@tokens}, words with positions, so
 *       "contains" translates as for the embedded store whatever analysis plugins the cluster has;</li>
 *   <li>the Lambda and fnlens keyword fields, {@code @requestId}, {@code @log}, {@code @logStream}: keywords;</li>
 *   <li>{@code @timestamp}, {@code @ingestionTime}: epoch-millisecond dates; REPORT numbers: doubles;</li>
 *   <li>discovered JSON fields: keywords {@code name\u0000value} in {@code @@json}, like the embedded store;</li>
 *   <li>{@code @@collector}, {@code @@seq}, {@code @@idx}: which collector wrote it and where in its
 *       write-ahead log — ingest order for events of the same millisecond, and the document id
 *       {@code collector-seq-idx}, so sending a batch again never duplicates an event.</li>
 * </ul>
 */
final class EventDocuments {
    static final String COLLECTOR = "@@collector";
    static final String SEQ = "@@seq";
    static final String IDX = "@@idx";
    static final String JSON_TERMS = Schema.JSON_TERMS;
    static final String TOKENS = "@@tokens";
    private static final Analyzer MESSAGE_TOKENS = Schema.queryAnalyzer();
    /** What a query reads back: the event is rebuilt from these (its other fields are discovered again). */
    static final List<String> SOURCE_FIELDS = List.of(LogEvent.TIMESTAMP, LogEvent.INGESTION_TIME, LogEvent.LOG,
            LogEvent.LOG_STREAM, LogEvent.MESSAGE);
    /** Keyword values longer than this are kept in the document but not indexed (as Lucene's term limit needs). */
    static final int MAX_KEYWORD_CHARS = 1024;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final String prefix;

    EventDocuments(String prefix) {
        this.prefix = prefix;
    }

    String indexPattern() {
        return prefix + "-events-*";
    }

    String index(LocalDate day) {
        return prefix + "-events-" + DAY.format(day);
    }

    String index(long epochMillis) {
        return index(LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)));
    }

    /** The day of one of our index names, or null for another index. */
    LocalDate day(String index) {
        String head = prefix + "-events-";
        if (!index.startsWith(head)) {
            return null;
        }
        try {
            return LocalDate.parse(index.substring(head.length()), DAY);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static String id(String collector, long seq, int idx) {
        return collector + "-" + seq + "-" + idx;
    }

    static ObjectNode document(LogEvent event, String collector, long seq, int idx) {
        ObjectNode doc = OpenSearchClient.JSON.createObjectNode();
        doc.put(LogEvent.TIMESTAMP, event.timestamp());
        doc.put(LogEvent.INGESTION_TIME, event.ingestionTime());
        doc.put(LogEvent.LOG, event.log());
        doc.put(LogEvent.LOG_STREAM, event.logStream());
        doc.put(LogEvent.MESSAGE, event.message());
        doc.put(TOKENS, tokens(event.message()));
        ArrayNode json = null;
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (Ids.FIELDS.contains(name) || Schema.KEYWORDS.contains(name)) {
                doc.put(name, value.toString());
            } else if (Schema.DOUBLES.contains(name)) {
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    doc.put(name, n.doubleValue());
                }
            } else {
                String text = value.toString();
                if (text.length() <= 256) {
                    if (json == null) {
                        json = doc.putArray(JSON_TERMS);
                    }
                    json.add(Schema.jsonTerm(name, text));
                }
            }
        }
        doc.put(COLLECTOR, collector);
        doc.put(SEQ, seq);
        doc.put(IDX, idx);
        return doc;
    }

    /** The message's tokens, lower-cased, separated by single spaces. */
    static String tokens(String message) {
        StringBuilder out = new StringBuilder(message.length());
        try (TokenStream stream = MESSAGE_TOKENS.tokenStream(LogEvent.MESSAGE, message)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(term);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The event a document holds ({@code _source} with at least {@link #SOURCE_FIELDS}). */
    static LogEvent event(JsonNode source) {
        return LogEvent.of(source.path(LogEvent.TIMESTAMP).asLong(), source.path(LogEvent.INGESTION_TIME).asLong(),
                source.path(LogEvent.LOG).asText(), source.path(LogEvent.LOG_STREAM).asText(),
                source.path(LogEvent.MESSAGE).asText());
    }

    /** The body of {@code PUT _index_template/<prefix>-events}. */
    ObjectNode template(int shards, int replicas) {
        ObjectNode body = OpenSearchClient.JSON.createObjectNode();
        body.putArray("index_patterns").add(indexPattern());
        body.put("priority", 100);
        ObjectNode template = body.putObject("template");
        ObjectNode settings = template.putObject("settings");
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        settings.put("refresh_interval", "1s");
        settings.put("index.translog.durability", "request"); // a bulk answer means fsynced, like our own 200
        ObjectNode mappings = template.putObject("mappings");
        mappings.put("dynamic", false);
        ObjectNode props = mappings.putObject("properties");
        for (String time : Schema.LONGS) {
            props.putObject(time).put("type", "date").put("format", "epoch_millis");
        }
        props.putObject(TOKENS).put("type", "text").put("analyzer", "whitespace").put("norms", false);
        for (String keyword : Schema.KEYWORDS) {
            keyword(props, keyword);
        }
        for (String id : Ids.FIELDS) {
            keyword(props, id);
        }
        keyword(props, JSON_TERMS);
        keyword(props, COLLECTOR);
        for (String number : Schema.DOUBLES) {
            props.putObject(number).put("type", "double");
        }
        props.putObject(SEQ).put("type", "long");
        props.putObject(IDX).put("type", "integer");
        return body;
    }

    private static void keyword(ObjectNode props, String name) {
        props.putObject(name).put("type", "keyword").put("ignore_above", MAX_KEYWORD_CHARS);
    }
}
