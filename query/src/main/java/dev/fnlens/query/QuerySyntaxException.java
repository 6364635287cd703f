package dev.fnlens.query;

/**
 * A query that cannot run, with where and why: {@code line 1, column 23: expected a field name after 'by'}.
 * Lines and columns count from 1. An expected error: answer it to the user, do not log it as a bug.
 */
public final class QuerySyntaxException extends RuntimeException {

    private final int line;
    private final int column;
    private final String reason;

    public QuerySyntaxException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason, null, false, false);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Builds the exception for a character offset into the query text. */
    public static QuerySyntaxException at(String text, int offset, String reason) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new QuerySyntaxException(line, column, reason);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
