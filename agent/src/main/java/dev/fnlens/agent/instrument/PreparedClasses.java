package dev.fnlens.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classes rewritten ahead, on another thread, from the class files their loader will read: on Lambda the runtime
 * interface client's, which the runtime's main thread loads a few milliseconds after the premain, and whose rewrite
 * would otherwise be ASM's first (its classes loaded, its code run interpreted) on that thread. The main thread takes
 * a result only for the very bytes it is loading, waits for it while it is being made (at most {@link #WAIT_MS}),
 * and otherwise rewrites the class itself.
 */
final class PreparedClasses {
    /** How long a class waits for the preparation; then it is rewritten where it loads. */
    static final long WAIT_MS = 1_000;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}; an entry is removed once taken (a class loads once). */
    private final List<Entry> entries = new ArrayList<>(2);
    private volatile boolean expected;
    private boolean done;

    /** A class read and rewritten ahead. */
    static final class Entry {
        private final String className;
        private final byte[] classFile;
        /** Null when there was nothing to hook. */
        final byte[] rewritten;

        Entry(String className, byte[] classFile, byte[] rewritten) {
            this.className = className;
            this.classFile = classFile;
            this.rewritten = rewritten;
        }
    }

    /** The preparation will run: until {@link #done}, {@link #take} waits for it. */
    void expect() {
        expected = true;
    }

    /** Reads {@code className} from {@code loader}'s resources and rewrites it; nothing when it is not there. */
    void add(ClassLoader loader, String className, HandlerRewriter.Selector selector) throws IOException {
        byte[] classFile;
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(className + ".class")) {
            if (in == null) {
                return; // not this runtime: the class, if it ever loads, is rewritten as it does
            }
            classFile = in.readAllBytes();
        }
        Entry entry = new Entry(className, classFile, HandlerRewriter.rewrite(classFile, selector));
        synchronized (lock) {
            entries.add(entry);
        }
    }

    /** The preparation is over, whatever came of it. */
    void done() {
        synchronized (lock) {
            done = true;
            lock.notifyAll();
        }
    }

    /**
     * What was made of exactly these bytes, waiting for the preparation if it is still running; null when it has
     * nothing for them.
     */
    Entry take(String className, byte[] classFile) {
        if (!expected) {
            return null;
        }
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000L;
        synchronized (lock) {
            long left;
            while (!done && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(left / 1_000_000L + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                if (entry.className.equals(className) && Arrays.equals(entry.classFile, classFile)) {
                    entries.remove(i);
                    return entry;
                }
            }
        }
        return null;
    }
}
