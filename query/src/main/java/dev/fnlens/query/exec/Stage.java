package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;

/**
 * One command at run time. Rows are pushed through the chain one at a time; {@link #push} answers false when nothing
 * downstream wants more rows (a limit was reached), so the scan can stop early. Blocking stages (sort, stats,
 * pattern) hold rows until {@link #finish()}.
 */
abstract class Stage {

    Stage next;

    abstract boolean push(Row row);

    void finish() {
        next.finish();
    }

    /** Copies a row that must outlive the current event; rows made by stats, pattern or sort are already owned. */
    static Row own(Row row) {
        return row instanceof EventRow e ? e.snapshot() : row;
    }
}
