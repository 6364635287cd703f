package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.NumericUtils;

/**
 * The REPORT numbers as doc values that compress: a value with at most two decimals (all that
 * Lambda writes: {@code 102.25} ms, {@code 5.12E8} bytes) is kept as the long {@code value * 100}
 * in a field of its own name; anything else in {@code name#raw} as
 * {@link NumericUtils#doubleToSortableLong sortable} bits. A billed duration that is its duration rounded up to the
 * millisecond, as Lambda bills, keeps only a mark ({@link #BILLED_FROM_DURATION}, since index format 6: 2 bytes less
 * per REPORT line). The decoded value is the same double that discovery produced, bit for bit.
 */
public final class ScaledNumbers {
    public static final String RAW_SUFFIX = "#raw";
    /** Marks an event whose {@code @billedDuration} is its {@code @duration} rounded up (value 0, so it compresses to nothing). */
    static final String BILLED_FROM_DURATION = LogEvent.BILLED_DURATION + "#ceil";
    private static final double MAX_SCALED = 1e13; // * 100 stays below 2^53, so the round trip is exact

    private ScaledNumbers() {
    }

    static void add(Document doc, String name, double value) {
        long scaled = scaled(value);
        if (scaled != Long.MIN_VALUE) {
            doc.add(new NumericDocValuesField(name, scaled));
        } else {
            doc.add(new NumericDocValuesField(name + RAW_SUFFIX, NumericUtils.doubleToSortableLong(value)));
        }
    }

    /**
     * The billed duration: a mark when its duration, scaled and not negative (as Lambda writes them), gives it;
     * else the value.
     */
    static void addBilled(Document doc, double billed, Object duration) {
        if (duration instanceof Double d && d >= 0 && scaled(d) != Long.MIN_VALUE
                && Double.compare(billed, Math.ceil(d)) == 0) {
            doc.add(new NumericDocValuesField(BILLED_FROM_DURATION, 0));
        } else {
            add(doc, LogEvent.BILLED_DURATION, billed);
        }
    }

    /**
     * A field's scaled longs in one segment, as {@link #scaled} gives them: its own column, and for
     * {@code @billedDuration} the values its marks derive too. Values kept raw are not among them.
     */
    public static NumericDocValues scaledColumn(LeafReader leaf, String name) throws IOException {
        NumericDocValues own = DocValues.getNumeric(leaf, name);
        if (!name.equals(LogEvent.BILLED_DURATION) || leaf.getFieldInfos().fieldInfo(BILLED_FROM_DURATION) == null) {
            return own;
        }
        return new BilledFromDuration(own, DocValues.getNumeric(leaf, BILLED_FROM_DURATION),
                DocValues.getNumeric(leaf, LogEvent.DURATION));
    }

    /** {@code value * 100} as a long when that gives back exactly {@code value}; else {@link Long#MIN_VALUE}. */
    static long scaled(double value) {
        if (!(Math.abs(value) < MAX_SCALED)) {
            return Long.MIN_VALUE;
        }
        long scaled = Math.round(value * 100);
        return Double.doubleToLongBits(scaled / 100d) == Double.doubleToLongBits(value) ? scaled : Long.MIN_VALUE;
    }

    public static double unscale(long scaled) {
        return scaled / 100d;
    }

    /**
     * The billed durations kept and those marked, in one iterator of scaled longs: a marked one is its scaled
     * duration rounded up to a whole millisecond. An event has one or the other. Read by {@link #advanceExact} or by
     * {@link #nextDoc}, not both (each moves the columns under it its own way).
     */
    private static final class BilledFromDuration extends NumericDocValues {
        private final NumericDocValues own;
        private final NumericDocValues marks;
        private final NumericDocValues durations;
        private int doc = -1;
        private long value;

        BilledFromDuration(NumericDocValues own, NumericDocValues marks, NumericDocValues durations) {
            this.own = own;
            this.marks = marks;
            this.durations = durations;
        }

        @Override
        public boolean advanceExact(int target) throws IOException {
            doc = target;
            if (own.advanceExact(target)) {
                value = own.longValue();
                return true;
            }
            if (marks.advanceExact(target) && durations.advanceExact(target)) {
                value = ceilToMillis(durations.longValue());
                return true;
            }
            return false;
        }

        @Override
        public long longValue() {
            return value;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() throws IOException {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) throws IOException {
            int a = own.docID() < target ? own.advance(target) : own.docID();
            int b = marks.docID() < target ? marks.advance(target) : marks.docID();
            while (b < a) {
                if (durations.advanceExact(b)) {
                    value = ceilToMillis(durations.longValue());
                    return doc = b;
                }
                b = marks.nextDoc(); // a mark without a duration: none is written so
            }
            if (a != NO_MORE_DOCS) {
                value = own.longValue();
            }
            return doc = a;
        }

        private static long ceilToMillis(long scaled) {
            return -Math.floorDiv(-scaled, 100) * 100;
        }

        @Override
        public long cost() {
            return own.cost() + marks.cost();
        }
    }

    /** One field of one segment, read in increasing doc order. */
    public static final class Column {
        private final NumericDocValues scaled; // with the marked billed durations, read by advanceExact only
        private final NumericDocValues raw;
        private double value;

        public Column(LeafReader leaf, String name) throws IOException {
            this.scaled = scaledColumn(leaf, name);
            this.raw = DocValues.getNumeric(leaf, name + RAW_SUFFIX);
        }

        /** The value of {@code doc}, or null. */
        Double get(int doc) throws IOException {
            return advance(doc) ? value : null;
        }

        /** Whether {@code doc} has a value; if so, {@link #value()} is it. Without boxing, for column-wise reads. */
        public boolean advance(int doc) throws IOException {
            if (scaled.advanceExact(doc)) {
                value = unscale(scaled.longValue());
                return true;
            }
            if (raw.advanceExact(doc)) {
                value = NumericUtils.sortableLongToDouble(raw.longValue());
                return true;
            }
            return false;
        }

        public double value() {
            return value;
        }
    }
}
