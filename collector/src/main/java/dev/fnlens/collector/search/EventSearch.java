package dev.fnlens.collector.search;

import java.io.IOException;
import java.util.List;

/**
 * Full-text search (the search page and {@code /api/search}) and the list of functions, over the embedded store
 * ({@link LuceneSearch}) or OpenSearch. A search stops collecting at its time limit and answers what it found by
 * then, marked timed out.
 */
public interface EventSearch {

    /**
     * The newest events matching the request's query (Lucene's classic syntax over {@code @message}, terms ANDed).
     *
     * @throws InvalidQueryException a query that cannot be parsed or is too broad, with the reason
     */
    SearchResult search(SearchRequest request) throws InvalidQueryException, IOException;

    /** Every log group with its event and invocation counts, by name. */
    List<FunctionStat> functions() throws IOException;
}
