package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Templated messages have no {@code @message} terms of their own; every query over {@code @message} must find
 * exactly what it found when they had (format 3, the oracle here: the same documents with their message's terms,
 * as an index written before this change holds them). Since format 6 a number's words are not among the values'
 * words either: an index of format 5, which has them, must find the same too.
 */
class TemplatedSearchTest {
    private static final String MESSAGE = LogEvent.MESSAGE;

    private final ByteBuffersDirectory now = new ByteBuffersDirectory();
    private final ByteBuffersDirectory before = new ByteBuffersDirectory();
    private final ByteBuffersDirectory format5 = new ByteBuffersDirectory();
    private final List<List<String>> tokensOfEvents = new ArrayList<>();
    private final List<LogEvent> events = new ArrayList<>();
    private DirectoryReader nowReader;
    private DirectoryReader beforeReader;
    private DirectoryReader format5Reader;
    private int templated;

    @BeforeEach
    void index() throws IOException {
        Random random = new Random(11);
        try (IndexWriter nowWriter = new IndexWriter(now, new IndexWriterConfig(Schema.indexAnalyzer()));
             IndexWriter beforeWriter = new IndexWriter(before, new IndexWriterConfig(Schema.indexAnalyzer()));
             IndexWriter format5Writer = new IndexWriter(format5, new IndexWriterConfig(Schema.indexAnalyzer()))) {
            for (int i = 0; i < 600; i++) {
                LogEvent event = LogEvent.of(1_000L * i, 1_000L * i, "/aws/lambda/f", "s", message(random));
                events.add(event);
                Document doc = DocumentMapper.toDocument(event, i, 0, Set.of());
                if (doc.getField(TemplatedText.SHAPE) != null) {
                    templated++;
                }
                nowWriter.addDocument(doc);
                beforeWriter.addDocument(asBefore(event, i));
                format5Writer.addDocument(asFormat5(event, i));
                tokensOfEvents.add(indexedTokens(event));
                if (i % 97 == 0) {
                    nowWriter.commit(); // several segments, each with its own shapes
                    beforeWriter.commit();
                    format5Writer.commit();
                }
            }
        }
        nowReader = DirectoryReader.open(now);
        beforeReader = DirectoryReader.open(before);
        format5Reader = DirectoryReader.open(format5);
    }

    @AfterEach
    void close() throws IOException {
        nowReader.close();
        beforeReader.close();
        format5Reader.close();
    }

    @Test
    void theCorpus_isMostlyTemplated_andTemplatedMessagesHaveNoMessageTerms() throws IOException {
        assertThat(templated).isGreaterThan(350);
        Term billed = new Term(MESSAGE, "billed");
        assertThat(nowReader.docFreq(billed)).as("only the lines stored as written").isBetween(1, 60);
        assertThat(beforeReader.docFreq(billed)).isGreaterThan(300);
        assertThat(count(nowReader, new TermQuery(billed))).isEqualTo(beforeReader.docFreq(billed));
    }

    @Test
    void everyEvent_readsBack_withTheFieldsItsMessageGives_inTheirOrder() throws IOException {
        List<LogEvent> read = new ArrayList<>();
        for (var leaf : nowReader.leaves()) {
            EventColumns columns = new EventColumns(leaf.reader());
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                columns.moveTo(doc);
                read.add(columns.toEvent());
            }
        }
        assertThat(read).containsExactlyElementsOf(events);
        for (int i = 0; i < events.size(); i++) { // the answers' JSON lists the fields in this order
            assertThat(List.copyOf(read.get(i).fields().entrySet()))
                    .as(events.get(i).message()).isEqualTo(List.copyOf(events.get(i).fields().entrySet()));
        }
    }

    @Test
    void everyWord_andPhrasesOfTwoToEightWords_ofEveryMessage_findWhatTheyFoundBefore() throws IOException {
        Set<Query> queries = new LinkedHashSet<>();
        for (List<String> tokens : tokensOfEvents) {
            for (int i = 0; i < tokens.size(); i++) {
                queries.add(new TermQuery(new Term(MESSAGE, tokens.get(i))));
                if (i + 1 < tokens.size()) {
                    queries.add(new PhraseQuery(MESSAGE, tokens.get(i), tokens.get(i + 1)));
                }
                if (i + 2 < tokens.size()) {
                    queries.add(new PhraseQuery(MESSAGE, tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)));
                }
                if (i % 3 == 0) { // longer ones, across a value or two
                    queries.add(new PhraseQuery(MESSAGE, tokens.subList(i, Math.min(i + 5, tokens.size())).toArray(String[]::new)));
                }
                if (i % 6 == 0) {
                    queries.add(new PhraseQuery(MESSAGE, tokens.subList(i, Math.min(i + 8, tokens.size())).toArray(String[]::new)));
                }
            }
        }
        assertThat(queries).hasSizeGreaterThan(1_000);
        for (Query q : queries) {
            assertSameMatches(q);
        }
    }

    @Test
    void multiTermQueries_sloppyPhrases_andCombinations_findWhatTheyFoundBefore() throws IOException {
        List<Query> queries = List.of(
                new PrefixQuery(new Term(MESSAGE, "dur")), new PrefixQuery(new Term(MESSAGE, "1")),
                new PrefixQuery(new Term(MESSAGE, "tr")), new PrefixQuery(new Term(MESSAGE, "ord")),
                new WildcardQuery(new Term(MESSAGE, "*ation")), new WildcardQuery(new Term(MESSAGE, "b?lled")),
                new WildcardQuery(new Term(MESSAGE, "*")), new WildcardQuery(new Term(MESSAGE, "*rr*")),
                new RegexpQuery(new Term(MESSAGE, "d[a-z]+n")), new RegexpQuery(new Term(MESSAGE, "[0-9]{3}")),
                new FuzzyQuery(new Term(MESSAGE, "duratoin"), 2), new FuzzyQuery(new Term(MESSAGE, "sucess"), 1),
                TermRangeQuery.newStringRange(MESSAGE, "a", "c", true, true),
                // the words of numbers: whole ones, a duration's milliseconds and its decimals
                new PrefixQuery(new Term(MESSAGE, "0")), new PrefixQuery(new Term(MESSAGE, "51")),
                new WildcardQuery(new Term(MESSAGE, "1?8")), new WildcardQuery(new Term(MESSAGE, "*0")),
                new RegexpQuery(new Term(MESSAGE, "[0-9]{2}")), new RegexpQuery(new Term(MESSAGE, "1[0-9]*|tr.*")),
                new FuzzyQuery(new Term(MESSAGE, "513"), 1), new FuzzyQuery(new Term(MESSAGE, "1024"), 1),
                TermRangeQuery.newStringRange(MESSAGE, "1", "2", true, false),
                TermRangeQuery.newStringRange(MESSAGE, "9", null, false, true),
                new PhraseQuery(3, MESSAGE, "duration", "05"), new PhraseQuery(2, MESSAGE, "128", "ms"),
                new PhraseQuery(4, MESSAGE, "status", "200", "http"),
                new PhraseQuery(2, MESSAGE, "billed", "ms"), new PhraseQuery(1, MESSAGE, "duration", "ms"),
                new PhraseQuery(3, MESSAGE, "ms", "duration"), new PhraseQuery(2, MESSAGE, "memory", "mb", "used"),
                new PhraseQuery(MESSAGE, "ms", "billed", "duration"), new PhraseQuery(MESSAGE, "requestid", "duration"),
                new PhraseQuery(MESSAGE, "trigger", "http"), new PhraseQuery(MESSAGE, "http", "status", "200"),
                new PhraseQuery(MESSAGE, "status", "error", "error", "type"),
                // numbers as no template writes them, and parts of one
                new PhraseQuery(MESSAGE, "memory", "size", "0512", "mb"), new PhraseQuery(MESSAGE, "duration", "0", "5", "ms"),
                new PhraseQuery(MESSAGE, "duration", "00"), new PhraseQuery(MESSAGE, "init", "duration", "07"),
                new PhraseQuery(MESSAGE, "batch", "size", "10"), new PhraseQuery(MESSAGE, "1024", "mb", "max"),
                new PhraseQuery(MESSAGE, "ms", "memory", "size", "128", "mb", "max", "memory", "used"),
                new BooleanQuery.Builder().add(new TermQuery(new Term(MESSAGE, "duration")), BooleanClause.Occur.MUST)
                        .add(new TermQuery(new Term(MESSAGE, "init")), BooleanClause.Occur.MUST_NOT).build(),
                new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                        .add(new PhraseQuery(MESSAGE, "max", "memory"), BooleanClause.Occur.MUST_NOT).build(),
                new BooleanQuery.Builder().add(new TermQuery(new Term(MESSAGE, "sqs")), BooleanClause.Occur.SHOULD)
                        .add(new PrefixQuery(new Term(MESSAGE, "time")), BooleanClause.Occur.SHOULD).build());
        for (Query q : queries) {
            assertSameMatches(q);
        }
    }

    private void assertSameMatches(Query q) throws IOException {
        int before = count(beforeReader, q);
        assertThat(count(nowReader, q)).as(q.toString()).isEqualTo(before);
        assertThat(count(format5Reader, q)).as("format 5: " + q).isEqualTo(before);
    }

    private static int count(DirectoryReader reader, Query q) throws IOException {
        return new IndexSearcher(reader).count(TemplatedSearch.include(q));
    }

    /** What format 3 wrote: the same document, its message's terms instead of the templated fields. */
    private static Document asBefore(LogEvent event, long seq) {
        Document doc = DocumentMapper.toDocument(event, seq, 0, Set.of());
        doc.removeFields(TemplatedText.VALUES);
        doc.removeFields(TemplatedText.SHAPE);
        if (doc.getField(MESSAGE) == null) {
            doc.add(new Field(MESSAGE, Ids.withoutOwnIds(event.message(), ownIds(event)), Schema.MESSAGE_TYPE));
        }
        return doc;
    }

    /** What format 5 wrote: the same document, its numbers' words among its values' words too. */
    private static Document asFormat5(LogEvent event, long seq) {
        Document doc = DocumentMapper.toDocument(event, seq, 0, Set.of());
        MessageTemplates.Rendered rendered = MessageTemplates.match(event.message(), event.fields());
        if (doc.getField(TemplatedText.SHAPE) != null && rendered != null) {
            StringBuilder numbers = new StringBuilder();
            for (int i = 0; i < rendered.values().size(); i++) {
                if (rendered.values().get(i) != null && MessageTemplates.isNumber(rendered.template(), i)) {
                    numbers.append(rendered.values().get(i)).append(' ');
                }
            }
            doc.add(new Field(TemplatedText.VALUES, numbers.toString(), TemplatedText.VALUES_TYPE));
        }
        return doc;
    }

    private static String[] ownIds(LogEvent event) {
        return Ids.ownIds(event.fields()::get);
    }

    private static List<String> indexedTokens(LogEvent event) throws IOException {
        return MessageAnalyzer.tokens(Ids.withoutOwnIds(event.message(), ownIds(event)));
    }

    /** START, END and REPORT lines with every optional part or none, odd values, and some other lines. */
    private static String message(Random random) {
        String id = random.nextInt(5) == 0 ? "8f507cfc-xmpl-4697-b07a-" + random.nextInt(1000) : UUID.randomUUID().toString();
        switch (random.nextInt(8)) {
            case 0:
                return "START RequestId: " + id + " Version: $LATEST";
            case 1:
                return "END RequestId: " + id;
            case 2:
                return pick(random, "billing run took 100 ms", "duration of the trigger http call", "REPORT is late",
                        "Billed Duration: 12 ms, said the error", "order 200 status error type unknown");
            default:
                break;
        }
        StringBuilder r = new StringBuilder("REPORT RequestId: ").append(id);
        int cents = random.nextInt(500_000);
        r.append("\tDuration: ").append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append(" ms");
        r.append("\tBilled Duration: ").append(cents / 100 + 1).append(" ms");
        if (random.nextInt(4) > 0) {
            r.append("\tMemory Size: ").append(pick(random, "128", "512", "1024")).append(" MB");
        }
        if (random.nextInt(4) > 0) {
            r.append("\tMax Memory Used: ").append(60 + random.nextInt(100)).append(" MB");
        }
        if (random.nextInt(5) == 0) {
            r.append("\tInit Duration: ").append(random.nextInt(3000)).append('.').append(10 + random.nextInt(90))
                    .append(" ms");
        }
        if (random.nextBoolean()) {
            String status = pick(random, "success", "error", "timeout");
            r.append("\tStatus: ").append(status);
            if (!status.equals("success") && random.nextBoolean()) {
                r.append("\tError Type: ").append(pick(random, "java.lang.RuntimeException", "Runtime.ExitError", "error"));
            }
        }
        if (random.nextBoolean()) {
            String trigger = pick(random, "http", "sqs", "datasource");
            r.append("\tTrigger: ").append(trigger);
            if (random.nextBoolean()) {
                r.append("\tTrigger Resource: ").append(pick(random, "orders-queue", "/", "arn:aws:sqs:eu-west-1:1:orders"));
            }
            if (trigger.equals("http")) {
                r.append("\tRoute: ").append(pick(random, "/orders/{id}", "/", "GET /status")).append("\tHTTP Status: ")
                        .append(pick(random, "200", "500"));
            } else if (random.nextBoolean()) {
                r.append("\tBatch Size: ").append(1 + random.nextInt(10));
            }
        }
        if (random.nextInt(3) == 0) {
            r.append("\tXRAY TraceId: 1-5b8efff7-").append(UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                    .append("\tSegmentId: ").append(UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .append("\tSampled: true");
        }
        if (random.nextInt(20) == 0) {
            r.append(' '); // not what the template writes: stored as written
        }
        return r.toString();
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
