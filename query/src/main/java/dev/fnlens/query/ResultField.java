package dev.fnlens.query;

import java.util.Objects;

/** One cell of an answer, serialised as {@code {"field": ..., "value": ...}} like GetQueryResults. */
public record ResultField(String field, String value) {
    public ResultField {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }
}
