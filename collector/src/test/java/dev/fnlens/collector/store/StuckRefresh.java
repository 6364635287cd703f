package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.search.ReferenceManager;

/**
 * A refresh of one day that, once begun, does not go on until released: as a flush of much buffered ingest while
 * the machine is busy. The day must have searchers (events added and refreshed once).
 */
final class StuckRefresh implements AutoCloseable {
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread refresher;
    /** The day's directory and its segments when the refresh got stuck, for {@link #awaitFlush}; else null. */
    private Path dayDir;
    private long segmentsWhenStuck;

    /**
     * The day of {@code millis} in the store at {@code root} with one event searchable and one buffered in memory
     * (records 1 and 2), and a refresh of it stuck.
     */
    static StuckRefresh withAnEventBuffered(LuceneStore store, Path root, long millis)
            throws IOException, InterruptedException {
        store.add(1, List.of(LogEvent.of(millis, millis, "/aws/lambda/orders", "stream-1", "a")));
        store.refresh();
        store.add(2, List.of(LogEvent.of(millis, millis, "/aws/lambda/orders", "stream-1", "b")));
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        StuckRefresh refresh = new StuckRefresh(store, day);
        refresh.dayDir = root.resolve(day.toString());
        refresh.segmentsWhenStuck = segments(refresh.dayDir);
        return refresh;
    }

    /** Starts a refresh of {@code store} on a thread of its own and waits until it is stuck. */
    StuckRefresh(LuceneStore store, LocalDate day) throws InterruptedException {
        store.searchers(day).addListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
            }
        });
        refresher = new Thread(() -> {
            try {
                store.refresh();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "stuck-refresh");
        refresher.setDaemon(true);
        refresher.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).as("the refresh began").isTrue();
    }

    /**
     * How many segments were flushed into the day since the refresh got stuck (each flush adds one), once there is
     * one, or after 10 s.
     */
    long awaitFlush() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (segments(dayDir) == segmentsWhenStuck && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return segments(dayDir) - segmentsWhenStuck;
    }

    private static long segments(Path day) throws IOException {
        try (Stream<Path> files = Files.list(day)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
        }
    }

    /** Lets the refresh go on and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        refresher.join(10_000);
    }
}
