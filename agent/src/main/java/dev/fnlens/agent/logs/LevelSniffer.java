package dev.fnlens.agent.logs;

import java.util.Locale;

/**
 * The level of a line printed without one attached: a JSON line's {@code "level"} field, else a
 * level word near the start of a text line ({@code 12:00:01 [main] WARN c.Foo - ...},
 * {@code [ERROR] ...}, JUL's {@code SEVERE: ...}); else the stream's default.
 */
final class LevelSniffer {
    private static final int TEXT_WINDOW = 80;
    private static final int JSON_WINDOW = 400;

    private LevelSniffer() {
    }

    static String level(String line, String fallback) {
        if (line.startsWith("{")) {
            String json = jsonLevel(line);
            return json != null ? json : fallback;
        }
        int end = Math.min(line.length(), TEXT_WINDOW);
        int i = 0;
        while (i < end) {
            while (i < end && !Character.isLetter(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Character.isLetter(line.charAt(i))) {
                i++;
            }
            String level = normalise(line.substring(start, i));
            if (level != null) {
                return level;
            }
        }
        return fallback;
    }

    private static String jsonLevel(String line) {
        int window = Math.min(line.length(), JSON_WINDOW);
        for (String key : new String[] {"\"level\"", "\"severity\"", "\"log.level\""}) {
            int at = line.indexOf(key);
            if (at < 0 || at > window) {
                continue;
            }
            int colon = line.indexOf(':', at + key.length());
            int quote = colon < 0 ? -1 : line.indexOf('"', colon);
            int close = quote < 0 ? -1 : line.indexOf('"', quote + 1);
            if (close > quote && close - quote < 16) {
                String level = normalise(line.substring(quote + 1, close));
                if (level != null) {
                    return level;
                }
            }
        }
        return null;
    }

    /** A level name from any framework to Lambda's set; null when the word is no level. */
    static String normalise(String word) {
        if (word == null || word.length() < 4 || word.length() > 7) {
            return null;
        }
        switch (word.toUpperCase(Locale.ROOT)) {
            case "TRACE": case "FINEST": case "FINER": return "TRACE";
            case "DEBUG": case "FINE": case "CONFIG": return "DEBUG";
            case "INFO": return "INFO";
            case "WARN": case "WARNING": return "WARN";
            case "ERROR": case "SEVERE": return "ERROR";
            case "FATAL": return "FATAL";
            default: return null;
        }
    }
}
