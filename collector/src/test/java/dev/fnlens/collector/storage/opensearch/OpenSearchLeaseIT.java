package dev.fnlens.collector.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert lease in OpenSearch: one holder at a time, taken over when the holder stops renewing or lets go. */
class OpenSearchLeaseIT {

    @Test
    void oneCollectorHoldsTheLease_andAnotherTakesItWithinAMinuteWhenTheHolderDies() {
        OpenSearchClient client = new OpenSearchClient(OpenSearchConfig.of(List.of(TestOpenSearch.url())));
        String prefix = TestOpenSearch.freshPrefix();
        OpenSearchLease first = new OpenSearchLease(client, prefix, "first", Clock.systemUTC());
        OpenSearchLease second = new OpenSearchLease(client, prefix, "second", Clock.systemUTC());
        first.start();
        awaitHeld(first, Duration.ofSeconds(10));
        second.start();
        TestOpenSearch.sleep(2 * OpenSearchLease.RENEW_SECONDS * 1000);
        assertThat(second.held()).as("the second while the first renews").isFalse();
        assertThat(first.held()).isTrue();

        long died = System.nanoTime();
        first.stopRenewing(); // dies: no release, the lease must expire
        awaitHeld(second, Duration.ofSeconds(60));
        assertThat(first.held()).as("a holder that cannot renew stops counting itself as holder").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isGreaterThan(Duration.ofSeconds(
                OpenSearchLease.TERM_SECONDS - OpenSearchLease.MARGIN_SECONDS - 1));

        OpenSearchLease third = new OpenSearchLease(client, prefix, "third", Clock.systemUTC());
        third.start();
        second.close(); // lets go: the next round of another takes it
        awaitHeld(third, Duration.ofSeconds(3 * OpenSearchLease.RENEW_SECONDS));
        third.close();
    }

    private static void awaitHeld(OpenSearchLease lease, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!lease.held()) {
            assertThat(System.nanoTime()).as("lease not taken within " + within).isLessThan(deadline);
            TestOpenSearch.sleep(100);
        }
    }
}
