package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfos;
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

    /** The billed duration: a mark when its duration gives it, else the value. */
    static void addBilled(Document doc, double billed, Object duration) {
        if (duration instanceof Double d && scaled(d) != Long.MIN_VALUE && Double.compare(billed, Math.ceil(d)) == 0) {
            doc.add(new NumericDocValuesField(BILLED_FROM_DURATION, 0));
        } else {
            add(doc, LogEvent.BILLED_DURATION, billed);
        }
    }

    /** Whether every value of the field in the segment is a scaled long of its own column, none raw or derived. */
    public static boolean onlyScaled(FieldInfos fields, String name) {
        return fields.fieldInfo(name + RAW_SUFFIX) == null
                && !(name.equals(LogEvent.BILLED_DURATION) && fields.fieldInfo(BILLED_FROM_DURATION) != null);
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

    /** One field of one segment, read in increasing doc order. */
    public static final class Column {
        private final NumericDocValues scaled;
        private final NumericDocValues raw;
        /** Of {@code @billedDuration}: the marks, and the durations they are read from; else null. */
        private final NumericDocValues fromDuration;
        private final Column duration;
        private double value;

        public Column(LeafReader leaf, String name) throws IOException {
            this.scaled = DocValues.getNumeric(leaf, name);
            this.raw = DocValues.getNumeric(leaf, name + RAW_SUFFIX);
            boolean billed = name.equals(LogEvent.BILLED_DURATION);
            this.fromDuration = billed ? DocValues.getNumeric(leaf, BILLED_FROM_DURATION) : null;
            this.duration = billed ? new Column(leaf, LogEvent.DURATION) : null;
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
            if (fromDuration != null && fromDuration.advanceExact(doc) && duration.advance(doc)) {
                value = Math.ceil(duration.value);
                return true;
            }
            return false;
        }

        public double value() {
            return value;
        }
    }
}
