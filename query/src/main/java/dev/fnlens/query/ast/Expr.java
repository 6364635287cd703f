package dev.fnlens.query.ast;

import java.util.List;
import java.util.Objects;

/** An expression of the query language. Immutable; {@link #toString()} renders it back as query text. */
public sealed interface Expr {

    /** A field of the event or one defined earlier in the query ({@code @duration}, {@code a.b.0.c}). */
    record Field(String name) implements Expr {
        public Field {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return name.matches("[@A-Za-z_$][\\w.@$]*") ? name : "`" + name + "`";
        }
    }

    record StringLiteral(String value) implements Expr {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    record NumberLiteral(double value) implements Expr {
        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A regular expression as written between slashes, in Java syntax; {@code (?i)} makes it case-insensitive. */
    record RegexLiteral(String pattern) implements Expr {
        public RegexLiteral {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String toString() {
            return "/" + pattern.replace("/", "\\/") + "/";
        }
    }

    /** A time period such as {@code 5m}, only valid as the period argument of bin, datefloor and dateceil. */
    record DurationLiteral(long millis, String text) implements Expr {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The {@code *} of {@code count(*)}. */
    record Star() implements Expr {
        @Override
        public String toString() {
            return "*";
        }
    }

    record Unary(UnaryOp op, Expr operand) implements Expr {
        public Unary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return op == UnaryOp.NOT ? "not " + operand : "-" + operand;
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol() + " " + right + ")";
        }
    }

    /** {@code value in [a, b]} or, negated, {@code value not in [a, b]}. Candidates are literals. */
    record In(Expr value, List<Expr> candidates, boolean negated) implements Expr {
        public In {
            Objects.requireNonNull(value, "value");
            candidates = List.copyOf(candidates);
        }

        @Override
        public String toString() {
            return value + (negated ? " not in " : " in ") + candidates;
        }
    }

    /**
     * {@code like "substring"}, {@code like /regex/}, {@code =~ /regex/} and their {@code not like} forms. The pattern
     * is a {@link StringLiteral} (substring match, case-sensitive) or a {@link RegexLiteral} (found anywhere).
     */
    record Match(Expr value, Expr pattern, boolean negated) implements Expr {
        public Match {
            Objects.requireNonNull(value, "value");
            if (!(pattern instanceof StringLiteral || pattern instanceof RegexLiteral)) {
                throw new IllegalArgumentException("pattern must be a string or regex literal: " + pattern);
            }
        }

        @Override
        public String toString() {
            return value + (negated ? " not like " : " like ") + pattern;
        }
    }

    /** A function call; {@code function} is the canonical name ({@code isValidIp}, {@code count}). */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(function).append('(');
            for (int i = 0; i < args.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(args.get(i));
            }
            return sb.append(')').toString();
        }
    }
}
