package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvocationRingTest {
    @Test
    void full_dropsAndCounts_thenFreesSlotsInOrder() {
        InvocationRing ring = new InvocationRing(4);
        for (int i = 0; i < 6; i++) {
            Invocation slot = ring.claim();
            if (slot != null) {
                slot.requestId = "r" + i;
                ring.publish(slot);
            }
        }

        assertThat(ring.capacity()).isEqualTo(4);
        assertThat(ring.dropped()).isEqualTo(2);
        assertThat(ring.backlog()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            Invocation slot = ring.peek();
            assertThat(slot.requestId).isEqualTo("r" + i);
            ring.release(slot);
        }
        assertThat(ring.peek()).isNull();
        assertThat(ring.claim()).as("a freed slot is claimed again").isNotNull();
    }

    @Test
    void aClaimedSlot_isNotSeenUntilPublished() {
        InvocationRing ring = new InvocationRing(2);
        Invocation slot = ring.claim();

        assertThat(ring.peek()).isNull();
        ring.publish(slot);
        assertThat(ring.peek()).isSameAs(slot);
    }
}
