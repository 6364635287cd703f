package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.ScaledNumbers;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import dev.fnlens.query.eval.Arithmetic;
import dev.fnlens.query.runtime.Values;
import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;

/**
 * An aggregate's argument over one segment, read without boxing: {@link #read} says whether the event has a value
 * and leaves it in {@link #value}. Gives what the row engine's expression would give for the same event, as a double
 * (booleans as 1 and 0, missing as "no value"): fields of the Lambda numbers and times, {@code ispresent()} of a
 * stored field, number literals, and arithmetic over those (a missing operand or a result that is not a finite
 * number is no value, as in the engine). Documents must come in increasing order.
 */
abstract class NumberColumn {
    double value;

    /** Whether {@code doc} has a value; if so, it is in {@link #value}. */
    abstract boolean read(int doc) throws IOException;

    /** Whether an expression can be read column-wise as a number. */
    static boolean readable(Expr e) {
        if (e instanceof Expr.Field f) {
            return Schema.DOUBLES.contains(f.name()) || Schema.LONGS.contains(f.name());
        }
        if (e instanceof Expr.NumberLiteral) {
            return true;
        }
        if (e instanceof Expr.Call c && c.function().equals("ispresent") && c.args().get(0) instanceof Expr.Field f) {
            return stored(f.name());
        }
        if (e instanceof Expr.Binary b) {
            return b.op().isArithmetic() && readable(b.left()) && readable(b.right());
        }
        return e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && readable(u.operand());
    }

    /** Whether {@code count(e)} can be read: a number as above, or any field kept in doc values. */
    static boolean presenceReadable(Expr e) {
        return readable(e) || e instanceof Expr.Field f && stored(f.name());
    }

    private static boolean stored(String field) {
        return Schema.DOUBLES.contains(field) || Schema.LONGS.contains(field) || Schema.KEYWORDS.contains(field)
                || Ids.FIELDS.contains(field) || field.equals(LogEvent.MESSAGE);
    }

    /**
     * The column of a readable (or, for count, presence-readable) expression over one segment. {@code fields} holds
     * the segment's field columns, so that a field used by several arguments is read once per event.
     */
    static NumberColumn open(Expr e, LeafReader leaf, Map<String, NumberColumn> fields) throws IOException {
        if (e instanceof Expr.Field f && !readable(e)) {
            return presence(f.name(), leaf, false);
        }
        if (e instanceof Expr.Field f) {
            NumberColumn column = fields.get(f.name());
            if (column == null) {
                column = new Once(field(f.name(), leaf));
                fields.put(f.name(), column);
            }
            return column;
        }
        if (e instanceof Expr.NumberLiteral n) {
            return new Constant(n.value());
        }
        if (e instanceof Expr.Call c) {
            return presence(((Expr.Field) c.args().get(0)).name(), leaf, true);
        }
        if (e instanceof Expr.Binary b) {
            return new Binary(b, open(b.left(), leaf, fields), open(b.right(), leaf, fields));
        }
        NumberColumn operand = open(((Expr.Unary) e).operand(), leaf, fields);
        return new NumberColumn() {
            @Override
            boolean read(int doc) throws IOException {
                if (!operand.read(doc)) {
                    return false;
                }
                value = -operand.value;
                return true;
            }
        };
    }

    /**
     * A discovered field's numbers, as the engine's sum, avg, min, max and pct take its values: a number, or text that
     * reads as one, or a boolean as 1 or 0; anything else is no value.
     */
    static NumberColumn discovered(DiscoveredValues values) {
        int terms = values.termCount();
        double[] numbers = new double[terms];
        boolean[] numeric = new boolean[terms];
        for (int i = 0; i < terms; i++) {
            numeric[i] = Values.looksNumeric(values.term(i));
            numbers[i] = numeric[i] ? Double.parseDouble(values.term(i)) : 0;
        }
        return new NumberColumn() {
            @Override
            boolean read(int doc) throws IOException {
                int ord = values.ord(doc);
                if (ord >= 0) {
                    value = numbers[ord];
                    return numeric[ord];
                }
                Object v = ord == DiscoveredValues.READ ? values.read(doc) : null;
                if (v == null || !Values.isNumeric(v)) {
                    return false;
                }
                value = Values.toDouble(v);
                return true;
            }
        };
    }

    private static NumberColumn field(String name, LeafReader leaf) throws IOException {
        if (Schema.DOUBLES.contains(name)) {
            ScaledNumbers.Column column = new ScaledNumbers.Column(leaf, name);
            return new NumberColumn() {
                @Override
                boolean read(int doc) throws IOException {
                    if (!column.advance(doc)) {
                        return false;
                    }
                    value = column.value();
                    return true;
                }
            };
        }
        NumericDocValues longs = DocValues.getNumeric(leaf, name);
        boolean always = name.equals(LogEvent.TIMESTAMP); // the engine sees 0 for an event without one
        return new NumberColumn() {
            @Override
            boolean read(int doc) throws IOException {
                boolean has = longs.advanceExact(doc);
                value = has ? longs.longValue() : 0;
                return has || always;
            }
        };
    }

    /**
     * {@code ispresent(field)} ({@code asNumber}: always a value, 1 or 0) or the presence that {@code count(field)}
     * counts (a value only when present).
     */
    private static NumberColumn presence(String name, LeafReader leaf, boolean asNumber) throws IOException {
        Presence present;
        if (name.equals(LogEvent.MESSAGE) || name.equals(LogEvent.TIMESTAMP)) {
            present = doc -> true;
        } else if (Schema.DOUBLES.contains(name)) {
            ScaledNumbers.Column column = new ScaledNumbers.Column(leaf, name);
            present = column::advance;
        } else if (Schema.LONGS.contains(name)) {
            NumericDocValues longs = DocValues.getNumeric(leaf, name);
            present = longs::advanceExact;
        } else {
            SortedDocValues keywords = DocValues.getSorted(leaf, name);
            present = keywords::advanceExact;
        }
        return new NumberColumn() {
            @Override
            boolean read(int doc) throws IOException {
                boolean has = present.at(doc);
                value = has ? 1 : 0;
                return has || asNumber;
            }
        };
    }

    @FunctionalInterface
    private interface Presence {
        boolean at(int doc) throws IOException;
    }

    /** Reads its column once per document, however many expressions ask. */
    private static final class Once extends NumberColumn {
        private final NumberColumn column;
        private int doc = -1;
        private boolean has;

        Once(NumberColumn column) {
            this.column = column;
        }

        @Override
        boolean read(int target) throws IOException {
            if (target != doc) {
                doc = target;
                has = column.read(target);
                value = column.value;
            }
            return has;
        }
    }

    private static final class Constant extends NumberColumn {
        Constant(double v) {
            value = v;
        }

        @Override
        boolean read(int doc) {
            return true;
        }
    }

    private static final class Binary extends NumberColumn {
        private final Expr.Binary expr;
        private final NumberColumn left;
        private final NumberColumn right;

        Binary(Expr.Binary expr, NumberColumn left, NumberColumn right) {
            this.expr = expr;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean read(int doc) throws IOException {
            if (!left.read(doc) || !right.read(doc)) {
                return false;
            }
            value = Arithmetic.unchecked(expr.op(), left.value, right.value);
            return Double.isFinite(value);
        }
    }
}
