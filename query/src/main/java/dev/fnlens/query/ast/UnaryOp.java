package dev.fnlens.query.ast;

public enum UnaryOp {
    NOT,
    NEGATE
}
