package dev.fnlens.query.ast;

public enum BinaryOp {
    OR("or"), AND("and"),
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    public boolean isArithmetic() {
        return ordinal() >= ADD.ordinal();
    }
}
