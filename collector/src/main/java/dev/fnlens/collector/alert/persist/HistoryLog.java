package dev.fnlens.collector.alert.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.alert.eval.Transition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every state transition of every rule, one JSON line each in {@code history.jsonl}, appended and fsynced per
 * evaluation. The newest {@code keep} are held in memory and survive restarts; the file is rewritten with
 * only those once it holds twice as many.
 */
public final class HistoryLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int keep;
    private final Deque<Transition> recent = new ArrayDeque<>();
    private FileChannel channel;
    private int linesInFile;

    private HistoryLog(Path file, int keep) {
        this.file = file;
        this.keep = keep;
    }

    public static HistoryLog open(Path file, int keep) throws IOException {
        HistoryLog log = new HistoryLog(file, keep);
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.linesInFile++;
                    try {
                        log.remember(JSON.readValue(line, Transition.class));
                    } catch (IOException e) {
                        LOG.warn("history line {} of {} skipped: {}", log.linesInFile, file, e.getMessage());
                    }
                }
            }
        }
        if (log.linesInFile > 2 * keep) {
            log.rewrite();
        }
        log.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return log;
    }

    /** Appends and fsyncs; the transitions are then part of the history for good. */
    public synchronized void append(List<Transition> transitions) throws IOException {
        if (transitions.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Transition t : transitions) {
            lines.append(JSON.writeValueAsString(t)).append('\n');
            remember(t);
        }
        OutputStream out = Channels.newOutputStream(channel);
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        channel.force(false);
        linesInFile += transitions.size();
        if (linesInFile > 2 * keep) {
            channel.close();
            rewrite();
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** Newest first, of one rule or (rule null) of all, at most {@code limit}. */
    public synchronized List<Transition> recent(String rule, int limit) {
        List<Transition> out = new ArrayList<>();
        for (Iterator<Transition> it = recent.descendingIterator(); it.hasNext() && out.size() < limit; ) {
            Transition t = it.next();
            if (rule == null || rule.equals(t.rule())) {
                out.add(t);
            }
        }
        return out;
    }

    private void remember(Transition t) {
        recent.addLast(t);
        while (recent.size() > keep) {
            recent.removeFirst();
        }
    }

    private void rewrite() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Transition t : recent) {
            lines.append(JSON.writeValueAsString(t)).append('\n');
        }
        DurableFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
        linesInFile = recent.size();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
