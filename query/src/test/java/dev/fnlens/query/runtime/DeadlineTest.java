package dev.fnlens.query.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void anAbsoluteDeadline_isATimeoutOncePassed_aCancellationAtAnyTime() {
        assertThatCode(() -> Deadline.at(System.nanoTime() + 60_000_000_000L, () -> false).check())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Deadline.at(System.nanoTime() - 1, () -> false).check())
                .isInstanceOfSatisfying(QueryAbortedException.class, e -> assertThat(e.isTimeout()).isTrue());
        assertThatThrownBy(() -> Deadline.at(System.nanoTime() + 60_000_000_000L, () -> true).check())
                .isInstanceOfSatisfying(QueryAbortedException.class, e -> assertThat(e.isTimeout()).isFalse());
    }

    @Test
    void anotherThreadsCopy_stopsWithTheOriginal_butCountsItsOwnTicks() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Deadline deadline = new Deadline(60_000_000_000L, cancelled::get);
        Deadline copy = deadline.forAnotherThread();
        for (int i = 0; i < 255; i++) {
            deadline.tick(); // one short of a check
        }
        cancelled.set(true);

        copy.tick(); // its first tick: no check yet
        assertThatThrownBy(deadline::tick).isInstanceOf(QueryAbortedException.class); // the 256th: checked
        assertThatThrownBy(copy::check).isInstanceOfSatisfying(QueryAbortedException.class,
                e -> assertThat(e.isTimeout()).isFalse());
    }
}
