package dev.fnlens.agent.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextsTest {
    @Test
    void w3cTraceparent() {
        SpanContext context = TraceContexts.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(context.traceIdHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(context.spanIdHex()).isEqualTo("b7ad6b7169203331");
        assertThat(context.sampled()).isTrue();
        assertThat(context.remote()).isTrue();
    }

    @Test
    void xRayHeader_rootBecomesTheTraceId() {
        SpanContext context = TraceContexts.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");

        assertThat(context.traceIdHex()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.spanIdHex()).isEqualTo("53995c3f42cd8ad8");
        assertThat(context.sampled()).isFalse();
    }

    @Test
    void garbage_isNoContext() {
        assertThat(TraceContexts.parse(null)).isNull();
        assertThat(TraceContexts.parse("00-zz-b7ad6b7169203331-01")).isNull();
        assertThat(TraceContexts.parse("00-00000000000000000000000000000000-b7ad6b7169203331-01")).isNull();
        assertThat(TraceContexts.parse("Root=1-5759e988-bd862e3fe1be46a994272793")).as("no parent").isNull();
    }
}
