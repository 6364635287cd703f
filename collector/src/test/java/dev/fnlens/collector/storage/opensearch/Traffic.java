package dev.fnlens.collector.storage.opensearch;

import dev.fnlens.collector.AckLedger;
import dev.fnlens.collector.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Invocations sent without pause through one or more collectors, each answer's status counted, until {@link #stop}. */
final class Traffic implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> senders = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

    /** One sender per collector; each batch of {@code batch} invocations goes to one of {@code functions}. */
    Traffic(AckLedger ledger, List<TestHttp> collectors, List<String> functions, int batch, long pauseMillis) {
        for (TestHttp http : collectors) {
            Thread t = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    statuses.merge(ledger.status(http, functions.get(i % functions.size()), batch), 1, Integer::sum);
                    TestOpenSearch.sleep(pauseMillis);
                }
            }, "traffic");
            t.start();
            senders.add(t);
        }
    }

    /** Answers by status so far (-1: no answer). */
    Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : senders) {
            t.join();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
