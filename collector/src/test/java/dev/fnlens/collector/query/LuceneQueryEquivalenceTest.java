package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.query.Query;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: day partitions, pushdown into Lucene, doc values, merged segments. */
class LuceneQueryEquivalenceTest extends QueryEquivalence {
    @TempDir
    static Path root;
    private LuceneStore store;

    @Override
    protected QueryService open() throws IOException {
        store = LuceneStore.open(root);
        return new QueryService(new LuceneQueries(store), Duration.ofSeconds(30));
    }

    @Override
    protected void store(long seq, List<LogEvent> events) throws IOException {
        store.add(seq, events);
    }

    @Override
    protected void flush() throws IOException {
        store.refresh();
    }

    @Test
    void ispresentOfAJsonField_readsOnlyTheEventsThatMayHaveIt() throws IOException {
        assertThat(scanned("filter ispresent(errorType)")).isLessThan(scanned("stats count()") / 20);
        assertThat(scanned("filter ispresent(errorKey)")).isLessThan(scanned("stats count()") / 20); // a value without a term
    }

    @Test
    void likeOnAJsonField_readsOnlyTheEventsThatMayMatch() throws IOException {
        assertThat(scanned("filter errorType like /Illegal/")).isLessThan(scanned("filter ispresent(errorType)"));
        assertThat(scanned("filter level like \"AR\"")).isLessThan(scanned("filter ispresent(level)") / 2);
        assertThat(scanned("filter message like \"orders and\"")).isEqualTo(1); // a sentence the message holds
    }

    @Test
    void aJsonFieldComparedWithANumber_readsOnlyTheEventsThatMayMatch() throws IOException {
        assertThat(scanned("filter orderId >= 90000")).isLessThan(scanned("filter ispresent(orderId)") / 5);
        assertThat(scanned("filter ok = 1")).isLessThan(scanned("filter ispresent(ok)"));
    }

    @AfterAll
    void close() throws IOException {
        store.close();
    }

    @Test
    void newestFirstWindows_areUsedOnlyWhereTheAnswerCannotChange() {
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("sort @timestamp desc | limit 20"))).isTrue();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse(
                "filter @type = \"REPORT\" | fields @timestamp, @message | sort @timestamp desc"))).isTrue();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("sort @timestamp asc | limit 20"))).isFalse();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("sort @duration desc | limit 20"))).isFalse();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("limit 5 | sort @timestamp desc"))).isFalse();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("dedup @log | sort @timestamp desc"))).isFalse();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("fields @duration as @timestamp | sort @timestamp desc")))
                .isFalse();
        assertThat(LuceneQueries.sortsNewestFirst(Query.parse("stats count() by @log"))).isFalse();
    }
}
