package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeLimitTest {

    /** Events without end, counted as they are read. */
    private static Iterable<FieldSource> endless(AtomicLong read) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public FieldSource next() {
                long i = read.incrementAndGet();
                return MapEvent.of("@message", "event " + i, "i", i);
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // quadratic in Java 17 (its regex engine memoises the exponential case): ~12 s for 40,000 a's unchecked
            "'filter @message like /(a+)+$/ | stats count()', 40000",
            // polynomial of degree 20: ~30 s for 30 a's unchecked
            "'filter @message =~ /(.*a){20}$/ | stats count()', 30",
            "'parse @message /(?<x>(a+)+)$/ | fields x', 40000"})
    @Timeout(10)
    void pathologicalRegex_endsWithTimeout_notAStalledThread(String query, int length) {
        MapEvent evil = MapEvent.of("@message", "a".repeat(length) + "b");
        Query q = Query.parse(query);

        long start = System.nanoTime();
        QueryResult r = q.execute(List.of(evil), ExecutionLimits.timeout(Duration.ofMillis(300)));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).isEqualTo(QueryStatus.Timeout);
        assertThat(elapsedMs).isLessThan(2_000);
        assertThat(r.rows()).isEmpty();
    }

    @Test
    @Timeout(10)
    void endlessInput_endsWithTimeout_keepingRowsSoFarAndStatistics() {
        AtomicLong read = new AtomicLong();

        QueryResult r = Query.parse("filter i % 1000000 = 0 | fields i")
                .execute(endless(read), ExecutionLimits.timeout(Duration.ofMillis(200)));

        assertThat(r.status()).isEqualTo(QueryStatus.Timeout);
        assertThat(r.statistics().recordsScanned()).isPositive().isLessThanOrEqualTo(read.get());
        assertThat(r.rows()).hasSize((int) r.statistics().recordsMatched());
    }

    @Test
    @Timeout(10)
    void cancellationFlag_endsWithCancelled() {
        AtomicLong read = new AtomicLong();
        AtomicBoolean cancel = new AtomicBoolean();
        Iterable<FieldSource> events = () -> {
            Iterator<FieldSource> it = endless(read).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public FieldSource next() {
                    if (read.get() == 10_000) {
                        cancel.set(true);
                    }
                    return it.next();
                }
            };
        };

        QueryResult r = Query.parse("stats count() by i % 10").execute(events, ExecutionLimits.none().withCancellation(cancel::get));

        assertThat(r.status()).isEqualTo(QueryStatus.Cancelled);
        assertThat(read.get()).isLessThan(11_000);
    }

    @Test
    @Timeout(10)
    void interruptingTheThread_cancels() throws Exception {
        AtomicReference<QueryResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(Query.parse("stats count()").execute(endless(new AtomicLong()))));
        t.start();
        Thread.sleep(100);
        t.interrupt();
        t.join(5_000);

        assertThat(result.get().status()).isEqualTo(QueryStatus.Cancelled);
    }

    @Test
    void regexTooDeepForTheStack_countsAsNoMatch_insteadOfFailingTheQuery() {
        List<MapEvent> events = List.of(MapEvent.of("@message", "x".repeat(50_000) + "!"), MapEvent.of("@message", "xxy"));

        QueryResult r = Query.parse("filter @message like /(x|xx)+y/ | stats count() as n").execute(events);

        assertThat(r.status()).isEqualTo(QueryStatus.Complete);
        assertThat(r.rows()).containsExactly(List.of(new ResultField("n", "1")));
    }

    @Test
    void generousLimit_completes() {
        QueryResult r = Query.parse("filter @message like /(a+)+$/ | stats count() as n")
                .execute(List.of(MapEvent.of("@message", "aaaa")), ExecutionLimits.timeout(Duration.ofSeconds(30)));

        assertThat(r.status()).isEqualTo(QueryStatus.Complete);
        assertThat(r.rows()).containsExactly(List.of(new ResultField("n", "1")));
    }
}
