package dev.fnlens.query.ast;

import java.util.Objects;

public record SortKey(Expr expr, boolean descending) {
    public SortKey {
        Objects.requireNonNull(expr, "expr");
    }
}
