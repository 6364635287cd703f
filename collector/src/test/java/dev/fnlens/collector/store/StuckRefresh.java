package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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

    /** The segments in a day's directory: each flush adds one. */
    static long segments(Path day) throws IOException {
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
