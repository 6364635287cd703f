package dev.fnlens.agent.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream and Map events recognised by their JSON shape, without consuming the stream. */
class JsonEventsTest {
    private static final String SQS = "{\"Records\":[{\"messageId\":\"1\",\"messageAttributes\":{\"traceparent\":"
            + "{\"stringValue\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\",\"dataType\":\"String\"}},"
            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:1:orders\"},"
            + "{\"messageId\":\"2\",\"messageAttributes\":{},\"eventSource\":\"aws:sqs\","
            + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:1:orders\"}]}";

    @Test
    void streamHandlerInput_isSniffed_andStillReadableInFull() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(SQS.getBytes(StandardCharsets.UTF_8));
        TriggerFields fields = new TriggerFields();

        TriggerDetector.detect(in, fields);

        assertThat(fields.trigger).isEqualTo(Trigger.SQS);
        assertThat(fields.resourceName()).isEqualTo("orders");
        assertThat(fields.batchSize).isEqualTo(2);
        assertThat(fields.linkCount).isEqualTo(1);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SQS);
    }

    @Test
    void aHugeStreamEvent_isNotCounted_butStillRecognised() {
        String big = SQS.replace("\"messageId\":\"2\"", "\"messageId\":\"2\",\"body\":\"" + "x".repeat(40_000) + "\"");
        TriggerFields fields = new TriggerFields();

        TriggerDetector.detect(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), fields);

        assertThat(fields.trigger).isEqualTo(Trigger.SQS);
        assertThat(fields.batchSize).as("cut off by the sniffing window").isEqualTo(-1);
    }

    @Test
    void mapEvents_byTheirKeys() {
        TriggerFields http = new TriggerFields();
        TriggerDetector.detect(Map.of("version", "2.0", "routeKey", "GET /items/{id}", "rawPath", "/items/7",
                "headers", Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                "requestContext", Map.of("http", Map.of("method", "GET"), "domainName", "x.lambda-url.eu-west-1.on.aws")),
                http);
        assertThat(http.trigger).isEqualTo(Trigger.FUNCTION_URL);
        assertThat(http.httpRoute).isEqualTo("/items/{id}");
        assertThat(http.traceparent).startsWith("00-0af7");

        TriggerFields schedule = new TriggerFields();
        TriggerDetector.detect(Map.of("detail-type", "Scheduled Event", "source", "aws.events",
                "resources", List.of("arn:aws:events:us-east-1:1:rule/nightly")), schedule);
        assertThat(schedule.trigger).isEqualTo(Trigger.SCHEDULE);
        assertThat(schedule.resourceName()).isEqualTo("nightly");

        TriggerFields direct = new TriggerFields();
        TriggerDetector.detect(Map.of("orderId", "o-1"), direct);
        assertThat(direct.trigger).isEqualTo(Trigger.OTHER);
    }

    @Test
    void httpStatus_fromAMapResult_andAStreamHandlersOutput() throws IOException {
        TriggerFields fields = new TriggerFields();
        fields.trigger = Trigger.API_GATEWAY_REST;
        TriggerDetector.response(Map.of("statusCode", 404), null, fields);
        assertThat(fields.httpStatus).isEqualTo(404);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"statusCode\": 503, \"body\": \"busy\"}".getBytes(StandardCharsets.UTF_8));
        TriggerDetector.response(null, out, fields);
        assertThat(fields.httpStatus).isEqualTo(503);
    }

    @Test
    void arns_toResourceNames() {
        assertThat(TriggerFields.resourceName("arn:aws:dynamodb:us-east-1:1:table/Orders/stream/2026-01-01T00:00:00.000"))
                .isEqualTo("Orders");
        assertThat(TriggerFields.resourceName("arn:aws:kinesis:us-east-1:1:stream/clicks")).isEqualTo("clicks");
        assertThat(TriggerFields.resourceName("arn:aws:sns:us-east-1:1:alerts")).isEqualTo("alerts");
        assertThat(TriggerFields.resourceName("arn:aws:events:us-east-1:1:rule/bus/nightly")).isEqualTo("nightly");
        assertThat(TriggerFields.resourceName("photo-uploads")).isEqualTo("photo-uploads");
    }
}
