package dev.fnlens.collector.alert;

import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules that alarm on one number at several thresholds (a warning at 2 %, a page at 5 %) have the same query,
 * window and interval. They share a schedule offset ({@link #offsetMillis}), so they are evaluated one after the
 * other, and all but the first take its answer instead of running the query again. An answer is reused for at
 * most half the interval, so a rule never sees its own previous answer again.
 */
final class SharedAnswers {
    /** The longest first wait: a rule created with a long interval still shows its state soon. */
    private static final long MAX_OFFSET_MS = 10_000;

    private record Key(String query, long windowMs, long everyMs) {
        static Key of(AlertRule rule) {
            return new Key(rule.query().text(), rule.window().toMillis(), rule.every().toMillis());
        }
    }

    private record Answer(long at, QueryResult result) {
    }

    @FunctionalInterface
    interface Run {
        QueryResult run() throws IOException;
    }

    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    /**
     * Where in its interval a rule is evaluated: the same for rules that share query, window and interval, spread
     * over the interval (up to 10 s) for the others, so that many rules do not all run at once.
     */
    static long offsetMillis(AlertRule rule) {
        return Math.floorMod(Key.of(rule).hashCode(), Math.max(1, Math.min(rule.every().toMillis(), MAX_OFFSET_MS)));
    }

    /** The answer for {@code rule} at {@code now}: one computed by a rule with the same key just before, or a new one. */
    QueryResult answer(AlertRule rule, long now, Run run) throws IOException {
        Key key = Key.of(rule);
        Answer cached = answers.get(key);
        if (cached != null && now >= cached.at() && now - cached.at() < key.everyMs() / 2) {
            return cached.result();
        }
        QueryResult result = run.run();
        if (result.status() == QueryStatus.Complete) {
            answers.put(key, new Answer(now, result));
            answers.values().removeIf(a -> now - a.at() > MAX_OFFSET_MS * 6); // deleted and changed rules
        }
        return result;
    }
}
