package dev.fnlens.collector.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiskSpaceGuardTest {
    private final AtomicLong free = new AtomicLong(10_000);
    private final DiskSpaceGuard guard = new DiskSpaceGuard(free::get, 1_000);

    @Test
    void refusesBelowTheReserve_andRecoversByItself() throws Exception {
        assertThatCode(guard::check).doesNotThrowAnyException();
        assertThat(guard.problem()).isNull();

        free.set(999);
        Thread.sleep(DiskSpaceGuard.RECHECK_MILLIS + 50);
        assertThatThrownBy(guard::check).isInstanceOf(DiskFullException.class)
                .hasMessageContaining("999 bytes free").hasMessageContaining("min-free-disk-bytes");
        assertThat(guard.problem()).contains("disk nearly full");

        free.set(5_000);
        Thread.sleep(DiskSpaceGuard.RECHECK_MILLIS + 50);
        assertThatCode(guard::check).doesNotThrowAnyException();
    }

    @Test
    void aFullDisk_isRefusedEvenWithoutAReserve() throws Exception {
        DiskSpaceGuard noReserve = new DiskSpaceGuard(free::get, 0);
        free.set(0);
        Thread.sleep(DiskSpaceGuard.RECHECK_MILLIS + 50);
        assertThatThrownBy(noReserve::check).isInstanceOf(DiskFullException.class);
    }

    @Test
    void outOfSpace_isToldApartFromDiskErrors() {
        assertThat(DiskFullException.isOutOfSpace(new java.io.IOException("No space left on device"))).isTrue();
        assertThat(DiskFullException.isOutOfSpace(new java.io.IOException("x",
                new java.io.IOException("Disk quota exceeded")))).isTrue();
        assertThat(DiskFullException.isOutOfSpace(new java.io.IOException("Input/output error"))).isFalse();
    }
}
