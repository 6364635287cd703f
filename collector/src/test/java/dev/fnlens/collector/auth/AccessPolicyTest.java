package dev.fnlens.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    @Test
    void alerts_readingStateNeedsRead_changingOrSeeingDestinationsNeedsAdmin() {
        assertThat(AccessPolicy.required(false, HandlerType.GET, "/api/alerts/rules")).isEqualTo(Optional.of(Scope.READ));
        assertThat(AccessPolicy.required(false, HandlerType.GET, "/api/alerts/firing")).isEqualTo(Optional.of(Scope.READ));
        assertThat(AccessPolicy.required(false, HandlerType.POST, "/api/alerts/rules")).isEqualTo(Optional.of(Scope.ADMIN));
        assertThat(AccessPolicy.required(false, HandlerType.DELETE, "/api/alerts/rules/x")).isEqualTo(Optional.of(Scope.ADMIN));
        assertThat(AccessPolicy.required(false, HandlerType.GET, "/api/alerts/destinations")).isEqualTo(Optional.of(Scope.ADMIN));
        assertThat(AccessPolicy.required(false, HandlerType.GET, "/api/alerts/destinations/ops")).isEqualTo(Optional.of(Scope.ADMIN));
    }
}
