package dev.fnlens.collector.store;

import static dev.fnlens.collector.event.LogEvent.BILLED_DURATION;
import static dev.fnlens.collector.event.LogEvent.BILLED_RESTORE_DURATION;
import static dev.fnlens.collector.event.LogEvent.ERROR_TYPE;
import static dev.fnlens.collector.event.LogEvent.RESTORE_DURATION;
import static dev.fnlens.collector.event.LogEvent.STATUS;
import static dev.fnlens.collector.event.LogEvent.DURATION;
import static dev.fnlens.collector.event.LogEvent.BATCH_SIZE;
import static dev.fnlens.collector.event.LogEvent.HTTP_ROUTE;
import static dev.fnlens.collector.event.LogEvent.HTTP_STATUS;
import static dev.fnlens.collector.event.LogEvent.INGESTION_TIME;
import static dev.fnlens.collector.event.LogEvent.INIT_DURATION;
import static dev.fnlens.collector.event.LogEvent.LOG;
import static dev.fnlens.collector.event.LogEvent.LOG_STREAM;
import static dev.fnlens.collector.event.LogEvent.MAX_MEMORY_USED;
import static dev.fnlens.collector.event.LogEvent.MEMORY_SIZE;
import static dev.fnlens.collector.event.LogEvent.MESSAGE;
import static dev.fnlens.collector.event.LogEvent.TIMESTAMP;
import static dev.fnlens.collector.event.LogEvent.TYPE;
import static dev.fnlens.collector.event.LogEvent.TRIGGER;
import static dev.fnlens.collector.event.LogEvent.TRIGGER_RESOURCE;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/**
 * How event fields map to Lucene fields (docs/architecture.md, "Schema"). Every value an
 * Insights query reads comes from doc values, except {@code @message} (stored, or rebuilt
 * from its fields for the platform lines {@link MessageTemplates} knows) and discovered JSON
 * fields (discovered again from the message). Each segment is sorted by time.
 *
 * <ul>
 *   <li>{@code @message}: analyzed with {@link MessageAnalyzer}, positions, no norms; a message
 *   {@link MessageTemplates} renders has its values' words and its shape instead ({@link TemplatedText});
 *   stored whole, or an application line without its timestamp and request id ({@link StoredMessage});</li>
 *   <li>keywords ({@link #KEYWORDS}): exact term + sorted doc values ({@link #DOC_VALUES_ONLY}: the latter only);</li>
 *   <li>ids ({@link Ids#FIELDS}: {@code @requestId}, the X-Ray ids): sorted doc values only, see {@link Ids};</li>
 *   <li>times ({@link #LONGS}): numeric doc values, epoch ms;</li>
 *   <li>REPORT numbers ({@link #DOUBLES}): numeric doc values, see {@link ScaledNumbers};</li>
 *   <li>discovered JSON fields: terms {@code name\u0000value} in {@link #JSON_TERMS}, or for {@link #scattered}
 *   values the message holds as written, the name in {@link #JSON_IN_MESSAGE}; for longer values, the name in
 *   {@link #JSON_UNINDEXED} (since format 5's later builds);</li>
 *   <li>{@link #SEQ}, {@link #IDX}: write-ahead log sequence and position (or {@link #position}), for events of
 *   the same millisecond;</li>
 *   <li>{@link #META}: the message's UTF-8 length and how it is stored.</li>
 * </ul>
 */
public final class Schema {
    /** Index format; an index written with another is refused rather than misread. */
    static final int FORMAT = 6;
    /**
     * Formats before, read as well: 3 only stopped writing the X-Ray ids as terms (see {@link Ids}), 4 the terms
     * of templated messages ({@link TemplatedText}), 5 stores application lines without their timestamp and
     * request id ({@link StoredMessage}) in smaller blocks ({@link IndexCodec}), 6 stopped keeping what the index
     * tells otherwise: the words of templated messages' numbers ({@link NumberWords}), a billed duration its duration
     * gives ({@link ScaledNumbers}), the position of an event added in its record's block ({@link #IDX}) and the terms
     * of {@link #DOC_VALUES_ONLY}.
     */
    static final Set<Integer> FORMATS_READ_TOO = Set.of(2, 3, 4, 5);
    /** Write-ahead log sequence and position in the record: ingest order, for events of the same millisecond. */
    public static final String SEQ = "@@seq";
    /**
     * The position in the record, since format 6 only of events added one by one (Lucene refused their block): a
     * record's block lies in one segment in the record's order, which the index sort keeps for the events of one
     * millisecond (it is stable), so there a document's place in its segment is its position ({@link #position}).
     * That saves 2 bytes per event: positions up to 5,000 take 16 bits each.
     */
    public static final String IDX = "@@idx";
    /** For {@link DocumentMapper#toDocument}: the event is added in its record's block, no {@link #IDX} needed. */
    static final int IN_BLOCK = -1;
    /** {@code utf8Length << 2 | template}: see {@link MessageTemplates}. */
    public static final String META = "@@meta";
    /** Terms {@code name\u0000value} of discovered JSON fields (values up to {@value #MAX_INDEXED_VALUE_CHARS} chars). */
    public static final String JSON_TERMS = "@@json";
    public static final char JSON_SEPARATOR = '\u0000';
    /** Names of discovered fields whose value only the message's terms hold (see {@link #scattered}). */
    public static final String JSON_IN_MESSAGE = "@@jsonInMessage";
    /** Names of discovered fields whose value has no term: too long for {@link #JSON_TERMS}, not in the message as written. */
    public static final String JSON_UNINDEXED = "@@jsonUnindexed";

    public static final Set<String> KEYWORDS = Set.of(LOG, LOG_STREAM, TYPE, STATUS, ERROR_TYPE, TRIGGER,
            TRIGGER_RESOURCE, HTTP_ROUTE);
    /**
     * Keywords kept as sorted doc values only, since format 6: {@code @logStream}, a new value at each cold start,
     * whose terms took 2 bytes per event; a query matches it through its doc values ({@link FieldQueries#keyword}).
     */
    public static final Set<String> DOC_VALUES_ONLY = Set.of(LOG_STREAM);
    /** Fields without terms of their own (days begun earlier may still have them: {@link Partition#termsToo()}). */
    static final Set<String> WITHOUT_TERMS = Stream.concat(Ids.FIELDS.stream(), DOC_VALUES_ONLY.stream())
            .collect(Collectors.toUnmodifiableSet());
    public static final Set<String> LONGS = Set.of(TIMESTAMP, INGESTION_TIME);
    public static final Set<String> DOUBLES = Set.of(DURATION, BILLED_DURATION, MEMORY_SIZE, MAX_MEMORY_USED, INIT_DURATION,
            RESTORE_DURATION, BILLED_RESTORE_DURATION, HTTP_STATUS, BATCH_SIZE);
    /** Longer keyword values are cut; longer discovered values are not indexed. */
    static final int MAX_KEYWORD_CHARS = 1024;
    public static final int MAX_INDEXED_VALUE_CHARS = 256;

    /** Oldest first; the same millisecond in ingest order. */
    static final Sort INDEX_SORT = new Sort(new SortField(TIMESTAMP, SortField.Type.LONG),
            new SortField(SEQ, SortField.Type.LONG), new SortField(IDX, SortField.Type.INT));

    /** {@code @message}: tokens with positions (phrases), no norms (nothing is scored), stored separately. */
    static final FieldType MESSAGE_TYPE = new FieldType();
    /** Exact terms without frequencies or norms. */
    static final FieldType KEYWORD_TYPE = new FieldType();

    static {
        MESSAGE_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        MESSAGE_TYPE.setTokenized(true);
        MESSAGE_TYPE.setOmitNorms(true);
        MESSAGE_TYPE.freeze();
        KEYWORD_TYPE.setIndexOptions(IndexOptions.DOCS);
        KEYWORD_TYPE.setTokenized(false);
        KEYWORD_TYPE.setOmitNorms(true);
        KEYWORD_TYPE.freeze();
    }

    private Schema() {
    }

    /** Writes {@code @message} with {@link MessageAnalyzer}; other fields are not tokenized. */
    static Analyzer indexAnalyzer() {
        return new MessageAnalyzer();
    }

    /** For query parsing: message text analyzed like at index time, every other field exact. */
    public static Analyzer queryAnalyzer() {
        Analyzer message = new MessageAnalyzer();
        Analyzer keyword = new KeywordAnalyzer();
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return MESSAGE.equals(fieldName) ? message : keyword;
            }
        };
    }

    /**
     * An event's position in its record, for the order of events of one millisecond and record: its {@link #IDX}, or
     * where it has none its document's place in the segment.
     */
    public static long position(NumericDocValues idxs, int doc) throws IOException {
        return idxs.advanceExact(doc) ? idxs.longValue() : doc;
    }

    /** Whether an Insights field name is a discovered JSON field's: not a system or Lambda field. */
    public static boolean isDiscovered(String name) {
        return !name.startsWith("@") || name.startsWith("json.@");
    }

    /**
     * Whether a discovered value's term can only be a string's: not how discovery writes a number ({@code Long},
     * {@code Double}) or a boolean, which the engine compares and groups as numbers ({@code 200} is not {@code "200"}).
     */
    public static boolean onlyAString(String term) {
        return numberOf(term) == null;
    }

    /** The number a discovered value's term may stand for, as the engine compares it (a boolean as 1 or 0); else null. */
    public static Double numberOf(String term) {
        if (term.equals("true") || term.equals("false")) {
            return term.equals("true") ? 1.0 : 0.0;
        }
        char first = term.isEmpty() ? ' ' : term.charAt(0);
        if (Character.isLetter(first) && first != 'N' && first != 'I') {
            return null; // NaN and Infinity aside, no number's text starts with a letter
        }
        try {
            return Double.parseDouble(term);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@link #JSON_TERMS} term of a discovered field's value. */
    public static String jsonTerm(String field, String value) {
        return field + JSON_SEPARATOR + value;
    }

    /**
     * A discovered value that makes a poor term, nearly every one new: an id ({@link Ids#isCompact}), a timestamp,
     * a sentence. When the message holds it as written, its field's name goes into {@link #JSON_IN_MESSAGE} instead
     * of a {@link #JSON_TERMS} term: the message's terms find the value. Powertools lines carry four such values
     * (timestamp, message, request and trace id); as terms they cost about a tenth of ingest CPU.
     */
    public static boolean scattered(String value) {
        int n = value.length();
        return n >= 16 && (Ids.isCompact(value) || value.indexOf(' ') >= 0 && n >= 20
                || n >= 19 && value.charAt(4) == '-' && value.charAt(7) == '-' && Character.isDigit(value.charAt(0)));
    }
}
