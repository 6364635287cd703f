package dev.fnlens.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFieldsTest {
    private static final String ID = "8f507cfc-xmpl-4697-b07a-ac58fc914c95";

    @Test
    void reportLine_givesLambdaFields_withMemoryInDecimalBytes() {
        LogEvent e = event("REPORT RequestId: " + ID + "\tDuration: 198.50 ms\tBilled Duration: 200 ms"
                + "\tMemory Size: 128 MB\tMax Memory Used: 90 MB\tInit Duration: 524.75 ms");

        assertThat(e.get("@type")).isEqualTo("REPORT");
        assertThat(e.get("@requestId")).isEqualTo(ID);
        assertThat(e.get("@duration")).isEqualTo(198.5);
        assertThat(e.get("@billedDuration")).isEqualTo(200.0);
        assertThat(e.get("@memorySize")).isEqualTo(1.28E8);
        assertThat(e.get("@maxMemoryUsed")).isEqualTo(9.0E7);
        assertThat(e.get("@initDuration")).isEqualTo(524.75);
    }

    @Test
    void warmReport_hasNoInitDuration() {
        assertThat(event("REPORT RequestId: " + ID + "\tDuration: 1.00 ms\tBilled Duration: 1 ms").get("@initDuration"))
                .isNull();
    }

    @Test
    void startAndEnd_giveTypeAndRequestId() {
        assertThat(event("START RequestId: " + ID + " Version: $LATEST").fields())
                .containsEntry("@type", "START").containsEntry("@requestId", ID);
        assertThat(event("END RequestId: " + ID).fields())
                .containsEntry("@type", "END").containsEntry("@requestId", ID);
    }

    @Test
    void jsonLine_fieldsAreDiscovered_withDotNotation() {
        LogEvent e = event("{\"level\":\"INFO\",\"order\":{\"items\":[{\"id\":\"a1\",\"qty\":2}],\"total\":9.5},"
                + "\"ok\":true,\"none\":null}");

        assertThat(e.get("level")).isEqualTo("INFO");
        assertThat(e.get("order.items.0.id")).isEqualTo("a1");
        assertThat(e.get("order.items.0.qty")).isEqualTo(2L);
        assertThat(e.get("order.total")).isEqualTo(9.5);
        assertThat(e.get("ok")).isEqualTo(true);
        assertThat(e.fields()).doesNotContainKey("none");
    }

    @Test
    void applicationLine_givesRequestId_andDiscoversItsJsonPart() {
        LogEvent e = event("2026-01-02T03:10:03.173Z\t" + ID + "\tERROR\t{\"errorType\":\"Boom\",\"stackTrace\":[\"a.B.c(B.java:1)\"]}");

        assertThat(e.get("@requestId")).isEqualTo(ID);
        assertThat(e.get("errorType")).isEqualTo("Boom");
        assertThat(e.get("stackTrace.0")).isEqualTo("a.B.c(B.java:1)");
        assertThat(e.get("@type")).isNull();
    }

    @Test
    void plainText_andBrokenJson_discoverNothing() {
        assertThat(event("hello world").fields()).isEmpty();
        assertThat(event("{not json}").fields()).isEmpty();
    }

    @Test
    void jsonNamesStartingWithAt_cannotShadowSystemFields() {
        LogEvent e = event("{\"@timestamp\":\"x\",\"@message\":\"y\"}");

        assertThat(e.get("@message")).isEqualTo("{\"@timestamp\":\"x\",\"@message\":\"y\"}");
        assertThat(e.fields()).containsOnlyKeys("json.@timestamp", "json.@message");
    }

    @Test
    void discovery_isBounded() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertThat(event(json.append("}").toString()).fields()).hasSize(JsonFields.MAX_FIELDS);
    }

    @Test
    void systemFields_areAnsweredByName() {
        LogEvent e = LogEvent.of(1000, 2000, "/aws/lambda/orders", "s", "m");

        assertThat(List.of("@timestamp", "@ingestionTime", "@log", "@logStream", "@message"))
                .extracting(e::get).containsExactly(1000L, 2000L, "/aws/lambda/orders", "s", "m");
        assertThat(e.get("nope")).isNull();
    }

    private static LogEvent event(String message) {
        return LogEvent.of(0, 0, "g", "s", message);
    }
}
