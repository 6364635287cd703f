package dev.fnlens.agent.trigger;

import java.nio.charset.StandardCharsets;

/**
 * Reads a few values out of the first bytes of a JSON document without parsing it: finds
 * {@code "key"} and takes the string or number after its colon. Good enough to recognise a
 * Lambda event and name its source, at the cost of a scan over a bounded prefix.
 */
final class JsonSniffer {
    private final byte[] buf;
    private final int len;

    JsonSniffer(byte[] buf, int len) {
        this.buf = buf;
        this.len = len;
    }

    boolean contains(String marker) {
        return indexOf(marker, 0) >= 0;
    }

    /** Occurrences of {@code "key"} as a key. */
    int countKeys(String key) {
        int count = 0;
        int at = keyValueStart(key, 0);
        while (at >= 0) {
            count++;
            at = keyValueStart(key, at);
        }
        return count;
    }

    String string(String key) {
        return string(key, 0);
    }

    /** The string value of the first {@code "key": "..."} at or after {@code from}; null if none. */
    String string(String key, int from) {
        int at = keyValueStart(key, from);
        return at < 0 ? null : stringAt(at);
    }

    /** Where the value of the first {@code "key":} at or after {@code from} starts; -1 if none. */
    int keyValueStart(String key, int from) {
        String quoted = '"' + key + '"';
        int at = indexOf(quoted, from);
        while (at >= 0) {
            int i = skipSpace(at + quoted.length());
            if (i < len && buf[i] == ':') {
                return skipSpace(i + 1);
            }
            at = indexOf(quoted, at + 1);
        }
        return -1;
    }

    /** An integer value of {@code "key"}: {@code "statusCode": 200} or {@code "statusCode": "200"}. */
    int integer(String key) {
        int i = keyValueStart(key, 0);
        if (i < 0) {
            return -1;
        }
        if (i < len && buf[i] == '"') {
            i++;
        }
        int value = 0;
        int digits = 0;
        while (i < len && buf[i] >= '0' && buf[i] <= '9' && digits < 9) {
            value = value * 10 + (buf[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The first string inside the array value of {@code "key"}: {@code "resources": ["arn:..."]}. */
    String firstArrayString(String key) {
        int i = keyValueStart(key, 0);
        if (i < 0 || i >= len || buf[i] != '[') {
            return null;
        }
        i = skipSpace(i + 1);
        return i < len && buf[i] == '"' ? stringAt(i) : null;
    }

    /** The string that starts at {@code i} (its opening quote), or null. */
    String stringAt(int i) {
        if (i >= len || buf[i] != '"') {
            return null;
        }
        int start = i + 1;
        boolean escaped = false;
        for (int j = start; j < len; j++) {
            byte b = buf[j];
            if (b == '\\') {
                escaped = true;
                j++;
            } else if (b == '"') {
                String raw = new String(buf, start, j - start, StandardCharsets.UTF_8);
                return escaped ? raw.replace("\\/", "/").replace("\\\"", "\"") : raw;
            }
        }
        return null; // cut off by the end of the prefix
    }

    private int skipSpace(int i) {
        while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    int indexOf(String needle, int from) {
        int n = needle.length();
        byte first = (byte) needle.charAt(0);
        outer:
        for (int i = Math.max(0, from); i <= len - n; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < n; j++) {
                if (buf[i + j] != (byte) needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
