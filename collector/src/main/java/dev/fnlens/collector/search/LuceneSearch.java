package dev.fnlens.collector.search;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.store.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Full-text search and the list of functions, over the {@link LuceneStore} (the embedded store).
 * A search stops collecting at its time limit and answers what it found by then, marked timed out.
 */
public final class LuceneSearch implements EventSearch {
    private static final String LAMBDA_PREFIX = "/aws/lambda/";

    private final LuceneStore store;
    private final Duration timeout;

    public LuceneSearch(LuceneStore store) {
        this(store, Duration.ofSeconds(30));
    }

    public LuceneSearch(LuceneStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public SearchResult search(SearchRequest request) throws InvalidQueryException, IOException {
        long t0 = System.nanoTime();
        Query query = query(request);
        try (Snapshot snapshot = store.snapshot(request.fromMillis(), request.toMillis())) {
            if (snapshot.partitions() == 0) {
                return new SearchResult(List.of(), 0, 0, 0, elapsedMillis(t0));
            }
            IndexSearcher searcher = snapshot.searcher();
            searcher.setTimeout(new QueryTimeoutImpl(Math.max(1, timeout.toMillis() - elapsedMillis(t0))));
            NewestMatches.Result top = searcher.search(query, new NewestMatches(request.limit()));
            List<LogEvent> events = snapshot.events(top.newest());
            return new SearchResult(events, top.matched(), snapshot.documents(), snapshot.partitions(),
                    elapsedMillis(t0), searcher.timedOut());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query too broad: " + e.getMessage());
        } catch (TooComplexToDeterminizeException e) {
            throw new InvalidQueryException("pattern too complex: " + e.getMessage());
        }
    }

    @Override
    public List<FunctionStat> functions() throws IOException {
        List<FunctionStat> functions = new ArrayList<>();
        try (Snapshot snapshot = store.snapshotAll()) {
            IndexSearcher searcher = snapshot.searcher();
            Terms groups = MultiTerms.getTerms(searcher.getIndexReader(), LogEvent.LOG);
            if (groups == null) {
                return functions;
            }
            TermsEnum it = groups.iterator();
            for (BytesRef group = it.next(); group != null; group = it.next()) {
                String name = group.utf8ToString();
                long invocations = searcher.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(LogEvent.LOG, BytesRef.deepCopyOf(group))), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(LogEvent.TYPE, "REPORT")), BooleanClause.Occur.FILTER)
                        .build());
                String function = name.startsWith(LAMBDA_PREFIX) ? name.substring(LAMBDA_PREFIX.length()) : name;
                functions.add(new FunctionStat(name, function, it.docFreq(), invocations));
            }
        }
        return functions;
    }

    private static Query query(SearchRequest request) throws InvalidQueryException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(FieldQueries.timeRange(request.fromMillis(), request.toMillis()),
                        BooleanClause.Occur.FILTER);
        if (!request.logGroups().isEmpty()) {
            query.add(new TermInSetQuery(LogEvent.LOG, request.logGroups().stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        query.add(request.query().isBlank() ? new MatchAllDocsQuery() : parse(request.query()), BooleanClause.Occur.MUST);
        return query.build();
    }

    private static Query parse(String text) throws InvalidQueryException {
        try {
            return new FnlensQueryParser().parse(text);
        } catch (ParseException e) {
            throw new InvalidQueryException(firstLine(e.getMessage()));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query too broad: " + e.getMessage());
        } catch (TooComplexToDeterminizeException e) {
            throw new InvalidQueryException("pattern too complex: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // e.g. a /regex/ Lucene cannot compile
            throw new InvalidQueryException(firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static long elapsedMillis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
