package dev.fnlens.query.ast;

import java.util.Objects;

/**
 * An expression and the name of the column it produces: the alias after {@code as}, else the expression's text as
 * written (so {@code avg(@duration)} names its column {@code avg(@duration)}, as in CloudWatch).
 */
public record Projection(Expr expr, String name) {
    public Projection {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(name, "name");
    }
}
