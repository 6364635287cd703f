package dev.fnlens.collector.alert.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.persist.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications not yet delivered, one small fsynced file each ({@code <data>/alerts/outbox/<seq>.json}),
 * written before the notification counts as sent and deleted once it is delivered or given up. A
 * collector that stops or crashes finds them on start and delivers them then.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final AtomicLong nextSeq;
    private final AtomicLong depth = new AtomicLong();

    private Outbox(Path dir, long nextSeq) {
        this.dir = dir;
        this.nextSeq = new AtomicLong(nextSeq);
    }

    /** Opens the outbox; {@link #pending} then lists what a previous run left undelivered. */
    public static Outbox open(Path dir) throws IOException {
        Files.createDirectories(dir);
        long max = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Long seq = seqOf(f);
                if (seq != null) {
                    max = Math.max(max, seq);
                } else if (f.getFileName().toString().endsWith(".tmp")) {
                    Files.deleteIfExists(f); // a write cut short: never counted as taken
                }
            }
        }
        Outbox outbox = new Outbox(dir, max + 1);
        outbox.depth.set(outbox.pending().size());
        return outbox;
    }

    /** Stores a new notification durably and returns it; the caller may then count it as sent. */
    public OutboxEntry add(String destination, String rule, String contentType, String body, long now)
            throws IOException {
        OutboxEntry e = new OutboxEntry(nextSeq.getAndIncrement(), "msg_" + UUID.randomUUID().toString()
                .replace("-", ""), destination, rule, now, 0, 0, contentType, body, null);
        write(e);
        depth.incrementAndGet();
        return e;
    }

    /** Records a failed attempt (attempts, next attempt time). */
    public void update(OutboxEntry e) throws IOException {
        write(e);
    }

    /** Removes a delivered or abandoned notification. */
    public void remove(OutboxEntry e) throws IOException {
        DurableFiles.delete(file(e.seq()));
        depth.decrementAndGet();
    }

    /** Everything stored, oldest first; unreadable files are renamed {@code .bad} and skipped. */
    public List<OutboxEntry> pending() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> seqOf(f) != null).sorted(Comparator.comparing(Outbox::seqOf)).toList();
        }
        List<OutboxEntry> entries = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                entries.add(JSON.readValue(f.toFile(), OutboxEntry.class));
            } catch (IOException e) {
                LOG.error("outbox file {} cannot be read, set aside as .bad: {}", f, e.getMessage());
                Files.move(f, f.resolveSibling(f.getFileName() + ".bad"));
            }
        }
        return entries;
    }

    /** Notifications waiting for delivery. */
    public long depth() {
        return depth.get();
    }

    private void write(OutboxEntry e) throws IOException {
        DurableFiles.write(file(e.seq()), JSON.writeValueAsBytes(e));
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%020d.json", seq));
    }

    private static Long seqOf(Path f) {
        String name = f.getFileName().toString();
        if (!name.matches("\\d{20}\\.json")) {
            return null;
        }
        return Long.parseLong(name.substring(0, 20));
    }
}
