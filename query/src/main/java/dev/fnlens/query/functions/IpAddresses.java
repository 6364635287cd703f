package dev.fnlens.query.functions;

/** Strict textual IP parsing: dotted quads without leading zeros, and RFC 4291 IPv6 (with "::" and a trailing quad). */
final class IpAddresses {

    private IpAddresses() {
    }

    static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return null;
            }
            out[i] = (byte) n;
        }
        return out;
    }

    static byte[] v6(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        byte[] left = groups(head, gap < 0);
        byte[] right = groups(tail, true);
        if (left == null || right == null) {
            return null;
        }
        int total = left.length + right.length;
        if (gap < 0 ? total != 16 : total > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(left, 0, out, 0, left.length);
        System.arraycopy(right, 0, out, 16 - right.length, right.length);
        return out;
    }

    /** The bytes of colon-separated hex groups; the last group may be a dotted quad when allowed. */
    private static byte[] groups(String s, boolean quadAllowedAtEnd) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && quadAllowedAtEnd && p.indexOf('.') >= 0) {
                byte[] quad = v4(p);
                if (quad == null) {
                    return null;
                }
                System.arraycopy(quad, 0, out, n, 4);
                n += 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.matches("[0-9A-Fa-f]+")) {
                return null;
            }
            int v = Integer.parseInt(p, 16);
            out[n++] = (byte) (v >>> 8);
            out[n++] = (byte) v;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
