package dev.fnlens.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryGateTest {
    private final QueryGate gate = new QueryGate(2, QueryGate.BY_REMOTE_ADDRESS);

    @Test
    void oneQueryOverTheCallersCap_is429_othersAreNotAffected() {
        QueryGate.Slot first = gate.enter("10.0.0.1");
        QueryGate.Slot second = gate.enter("10.0.0.1");

        assertThatThrownBy(() -> gate.enter("10.0.0.1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.reason()).isEqualTo("too_many_queries");
            assertThat(e.getMessage()).contains("max-concurrent-queries");
        });
        gate.enter("10.0.0.2").close();

        first.close();
        gate.enter("10.0.0.1").close();
        second.close();
        assertThat(gate.running()).isZero();
    }
}
