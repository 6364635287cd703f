package dev.fnlens.collector.ingest;

/** UTF-8 lengths without encoding. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of the longest prefix of {@code s} whose UTF-8 encoding fits in
     * {@code maxBytes}, never splitting a surrogate pair; {@code s.length()} when all fits.
     */
    static int prefixWithin(String s, int maxBytes) {
        if ((long) s.length() * 3 <= maxBytes) {
            return s.length(); // even all 3-byte characters would fit
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int n;
            if (c < 0x80) {
                n = 1;
            } else if (c < 0x800) {
                n = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (bytes + 4 > maxBytes) {
                    return i;
                }
                bytes += 4;
                i++;
                continue;
            } else {
                n = 3;
            }
            if (bytes + n > maxBytes) {
                return i;
            }
            bytes += n;
        }
        return s.length();
    }
}
