package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import dev.fnlens.collector.testdata.LambdaEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Stores of generated invocations in several segments, for the column-wise paths' tests. */
final class InvocationStores {
    private InvocationStores() {
    }

    /** {@code invocations} from {@code seed}, written in records of about 500 events, a segment every {@code perSegment}. */
    static LuceneStore open(Path root, long seed, long startMillis, int invocations, int perSegment) throws IOException {
        LuceneStore store = LuceneStore.open(root);
        LambdaEvents gen = new LambdaEvents(seed, startMillis);
        List<LogEvent> batch = new ArrayList<>();
        long seq = 0;
        for (int i = 1; i <= invocations; i++) {
            batch.addAll(gen.nextInvocation());
            if (batch.size() > 500) {
                store.add(++seq, batch);
                batch = new ArrayList<>();
            }
            if (i % perSegment == 0) {
                store.refresh();
            }
        }
        store.add(++seq, batch);
        store.refresh();
        return store;
    }
}
