package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void randomUuid_isAVersion4Uuid() {
        String id = RequestIds.randomUuid();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        UUID parsed = UUID.fromString(id);
        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
    }

    @Test
    void randomUuid_doesNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.randomUuid());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void randomHex_hasTheRequestedLength() {
        assertThat(RequestIds.randomHex(32)).matches("[0-9a-f]{32}");
    }
}
