package dev.fnlens.collector.alert.rule;

/**
 * A rule or destination that cannot be accepted, with the field at fault and, for a query that does not
 * parse, the query's line and column. An expected error: answered to the user, never logged as a bug.
 */
public final class InvalidRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final String field;
    private final String detail;
    private final int line;
    private final int column;

    public InvalidRuleException(String field, String detail) {
        this(null, field, detail, 0, 0);
    }

    public InvalidRuleException(String field, String detail, int line, int column) {
        this(null, field, detail, line, column);
    }

    private InvalidRuleException(String where, String field, String detail, int line, int column) {
        super(detail, null, false, false);
        this.where = where;
        this.field = field;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    /** The same problem, said of an item in a list: {@code alerts.rules[2] (hello-errors): query: ...}. */
    public InvalidRuleException within(String where) {
        return new InvalidRuleException(this.where == null ? where : where + "." + this.where, field, detail, line,
                column);
    }

    @Override
    public String getMessage() {
        StringBuilder m = new StringBuilder();
        if (where != null) {
            m.append(where).append(": ");
        }
        if (field != null) {
            m.append(field).append(": ");
        }
        return m.append(detail).toString();
    }

    /** The field at fault, e.g. {@code query} or {@code condition}; null when it is the whole item. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field. */
    public String detail() {
        return detail;
    }

    /** The query's 1-based line for a query error, else 0. */
    public int line() {
        return line;
    }

    /** The query's 1-based column for a query error, else 0. */
    public int column() {
        return column;
    }
}
