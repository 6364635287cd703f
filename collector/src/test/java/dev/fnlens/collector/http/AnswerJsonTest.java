package dev.fnlens.collector.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.search.SearchResult;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.QueryStatus;
import dev.fnlens.query.ResultField;
import dev.fnlens.query.Statistics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerJsonTest {
    private static final long T = 1_764_201_600_123L; // 2025-11-27T00:00:00.123Z

    @Test
    void searchAnswer_listsSystemFields_thenLambdaFields_thenDiscoveredFieldsUnderFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", "ERROR");
        fields.put(LogEvent.REQUEST_ID, "8f5a3c1e-1111-2222-3333-444455556666");
        fields.put("order.total", 12.5);
        fields.put("order.items", 3L);
        fields.put("retry", false);
        LogEvent event = new LogEvent(T, T + 1_000, "/aws/lambda/orders", "2025/11/27/[$LATEST]abc",
                "{\"level\":\"ERROR\"}", fields);

        String json = utf8(AnswerJson.search(new SearchResult(List.of(event), 7, 70, 1, 3, true)));

        assertEquals("{\"events\":[{\"@timestamp\":\"2025-11-27T00:00:00.123Z\","
                + "\"@ingestionTime\":\"2025-11-27T00:00:01.123Z\",\"@log\":\"/aws/lambda/orders\","
                + "\"@logStream\":\"2025/11/27/[$LATEST]abc\",\"@message\":\"{\\\"level\\\":\\\"ERROR\\\"}\","
                + "\"@requestId\":\"8f5a3c1e-1111-2222-3333-444455556666\","
                + "\"fields\":{\"level\":\"ERROR\",\"order.total\":12.5,\"order.items\":3,\"retry\":false}}],"
                + "\"statistics\":{\"recordsMatched\":7,\"recordsScanned\":70,\"partitionsSearched\":1,"
                + "\"elapsedMs\":3,\"timedOut\":true}}", json);
    }

    @Test
    void anEventWithoutDiscoveredFields_hasNoFieldsObject_andACompleteSearchNoTimedOutFlag() throws Exception {
        LogEvent event = new LogEvent(T, T, "/aws/lambda/a", "s", "END RequestId: x",
                Map.of(LogEvent.TYPE, "END"));

        JsonNode answer = new ObjectMapper().readTree(AnswerJson.search(new SearchResult(List.of(event), 1, 1, 1, 0)));

        assertEquals(List.of("@timestamp", "@ingestionTime", "@log", "@logStream", "@message", "@type"),
                names(answer.get("events").get(0)));
        assertEquals(List.of("recordsMatched", "recordsScanned", "partitionsSearched", "elapsedMs"),
                names(answer.get("statistics")));
    }

    @Test
    void untrustedMessages_areEscaped_andReadBackUnchanged() throws Exception {
        String message = "quote \" backslash \\ tab \t newline \n nul \u0000 </script> é 😀 \u2028";
        LogEvent event = new LogEvent(T, T, "/aws/lambda/a", "s", message, Map.of("k\"ey", "v\u0001"));

        byte[] bytes = AnswerJson.invocation("id", List.of(event));
        JsonNode read = new ObjectMapper().readTree(bytes);

        assertEquals("id", read.get("requestId").asText());
        assertEquals(message, read.get("events").get(0).get("@message").asText());
        assertEquals("v\u0001", read.get("events").get(0).get("fields").get("k\"ey").asText());
        assertEquals(-1, utf8(bytes).indexOf('\n'), "a raw newline would end a live tail's event");
    }

    @Test
    void queryAnswer_hasGetQueryResultsShape_withColumnsInOrder() {
        QueryResult result = new QueryResult(QueryStatus.Complete, List.of("@log", "n"),
                List.of(List.of(new ResultField("@log", "/aws/lambda/a"), new ResultField("n", "2")),
                        List.of(new ResultField("n", "1"))),
                new Statistics(3, 10, 640));

        assertEquals("{\"status\":\"Complete\",\"results\":[[{\"field\":\"@log\",\"value\":\"/aws/lambda/a\"},"
                + "{\"field\":\"n\",\"value\":\"2\"}],[{\"field\":\"n\",\"value\":\"1\"}]],\"columns\":[\"@log\",\"n\"],"
                + "\"statistics\":{\"recordsMatched\":3,\"recordsScanned\":10,\"bytesScanned\":640}}",
                utf8(AnswerJson.query(result)));
    }

    @Test
    void liveTailMessage_carriesTheEvents_andHowManyWereSkipped() throws Exception {
        LogEvent event = new LogEvent(T, T, "/aws/lambda/a", "s", "hello", Map.of());

        JsonNode read = new ObjectMapper().readTree(AnswerJson.tail(List.of(event, event), 5));

        assertEquals(2, read.get("events").size());
        assertEquals("hello", read.get("events").get(1).get("@message").asText());
        assertEquals(5, read.get("skipped").asLong());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
