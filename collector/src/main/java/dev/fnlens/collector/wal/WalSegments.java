package dev.fnlens.collector.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Segment files are named after the sequence of their first record: {@code wal-00000000000000000042.log}. */
final class WalSegments {
    private static final String PREFIX = "wal-";
    private static final String SUFFIX = ".log";

    private WalSegments() {
    }

    static Path path(Path dir, long firstSeq) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX));
    }

    /** First sequence to file, in order. */
    static NavigableMap<Long, Path> list(Path dir) throws IOException {
        NavigableMap<Long, Path> segments = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                    try {
                        segments.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), f);
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            });
        }
        return segments;
    }
}
