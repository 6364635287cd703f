package dev.fnlens.query.aggregate;

import java.util.Arrays;

/**
 * A sum of doubles that is exact until the end and then correctly rounded (Shewchuk's algorithm, as Python's
 * {@code math.fsum}): the running sum is kept as a few non-overlapping partials. So the result does not depend on
 * the order the values arrive in, and a store that sums each segment apart and {@link #add(ExactSum) merges} the
 * segments gives the same answer, to the last bit, as one pass over the events in time order.
 * Infinities and NaN (only from numeric text such as "1e400") are summed apart and win, as in plain addition.
 */
public final class ExactSum {
    private static final long WHOLE_LIMIT = 1L << 53; // every long up to here is a double
    private double[] partials = new double[4];
    private int n;
    private long count;
    private double special; // the non-finite values, added plainly
    private boolean anySpecial;
    private boolean overflow;
    private double plain; // used only after an intermediate overflow, where there is no exact answer
    private long whole; // integral values (counts, bytes, ms) are summed here, exactly and fast; |whole| <= 2^53

    public void add(double x) {
        count++;
        plain += x;
        if (x == (long) x && Math.abs(x) <= WHOLE_LIMIT) {
            long w = whole + (long) x;
            if (Math.abs(w) > WHOLE_LIMIT) {
                foldWhole();
                w = (long) x;
            }
            whole = w;
            return;
        }
        addPartial(x);
    }

    private void foldWhole() {
        long w = whole;
        whole = 0;
        if (w != 0) {
            addPartial(w);
        }
    }

    private void addPartial(double x) {
        if (!Double.isFinite(x)) {
            special += x;
            anySpecial = true;
            return;
        }
        int i = 0;
        for (int j = 0; j < n; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!Double.isFinite(x)) {
                overflow = true;
                n = 0;
                return;
            }
            if (n == partials.length) {
                partials = Arrays.copyOf(partials, n * 2);
            }
            partials[n++] = x;
        }
    }

    /** Adds everything {@code other} summed, exactly. */
    public void add(ExactSum other) {
        long c = count + other.count;
        double p = plain + other.plain;
        for (int i = 0; i < other.n; i++) {
            addPartial(other.partials[i]);
        }
        foldWhole();
        whole = other.whole;
        foldWhole();
        if (other.anySpecial) {
            special += other.special;
            anySpecial = true;
        }
        overflow |= other.overflow;
        count = c;
        plain = p;
    }

    /** How many values were added. */
    public long count() {
        return count;
    }

    /** The sum, correctly rounded; 0 when nothing was added. */
    public double total() {
        foldWhole();
        if (anySpecial) {
            return special;
        }
        if (overflow) {
            return plain;
        }
        int k = n;
        if (k == 0) {
            return 0.0;
        }
        double hi = partials[--k];
        double lo = 0;
        while (k > 0) {
            double x = hi;
            double y = partials[--k];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) {
                break;
            }
        }
        // round half to even across partials: the rest below lo decides a tie
        if (k > 0 && (lo < 0 && partials[k - 1] < 0 || lo > 0 && partials[k - 1] > 0)) {
            double y = lo * 2;
            double x = hi + y;
            if (y == x - hi) {
                hi = x;
            }
        }
        return hi;
    }
}
