package dev.fnlens.collector.ingest;

import static dev.fnlens.collector.FirehoseFixtures.controlMessage;
import static dev.fnlens.collector.FirehoseFixtures.dataMessage;
import static dev.fnlens.collector.FirehoseFixtures.logEvent;
import static dev.fnlens.collector.FirehoseFixtures.record;
import static dev.fnlens.collector.FirehoseFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FirehoseDecoderTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final long BIG = 1L << 30;

    @Test
    void gzipRecords_decodeToSubscriptionMessages_inOrder() throws Exception {
        byte[] body = request("req-1", NOW,
                record(dataMessage("/aws/lambda/orders", "stream-a", logEvent("1", NOW, "hello"), logEvent("2", NOW + 1, "world\n"))),
                record(controlMessage(NOW)));

        FirehoseDecoder.Request request = FirehoseDecoder.decode(body, BIG);

        assertThat(request.requestId()).isEqualTo("req-1");
        assertThat(request.records()).isEqualTo(2);
        SubscriptionMessage data = request.messages().get(0);
        assertThat(data.control()).isFalse();
        assertThat(data.record()).isZero();
        assertThat(data.owner()).isEqualTo("123456789012");
        assertThat(data.logGroup()).isEqualTo("/aws/lambda/orders");
        assertThat(data.logStream()).isEqualTo("stream-a");
        assertThat(data.logEvents()).containsExactly(new SubscriptionMessage.Event("1", NOW, "hello"),
                new SubscriptionMessage.Event("2", NOW + 1, "world\n"));
        assertThat(request.messages().get(1).control()).isTrue();
        assertThat(request.messages().get(1).logEvents()).isEmpty();
    }

    @Test
    void uncompressedRecords_andConcatenatedMessages_areRead() throws Exception {
        String two = dataMessage("g", "s", logEvent("1", NOW, "a")).toString() + "\n"
                + dataMessage("g", "s", logEvent("2", NOW, "b")).toString();
        byte[] body = request("r", NOW, Base64.getEncoder().encodeToString(two.getBytes(StandardCharsets.UTF_8)));

        assertThat(FirehoseDecoder.decode(body, BIG).messages()).hasSize(2)
                .allSatisfy(m -> assertThat(m.record()).isZero());
    }

    @Test
    void emptyRecords_decodeToNothing() throws Exception {
        assertThat(FirehoseDecoder.decode(request("r", NOW), BIG).messages()).isEmpty();
    }

    @Test
    void malformedParts_areNamedPrecisely() {
        String good = record(dataMessage("g", "s", logEvent("1", NOW, "a")));
        String notGzip = Base64.getEncoder().encodeToString(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        String notJson = Base64.getEncoder().encodeToString(TestHttp.gzip("{\"messageType\": DATA".getBytes()));
        String text = Base64.getEncoder().encodeToString("hello".getBytes());

        assertMalformed("{\"records\": [", "request body is not valid JSON");
        assertMalformed("[]", "request body must be a JSON object");
        assertMalformed("{\"requestId\": \"r\"}", "\"records\" must be an array");
        assertMalformed(new String(request("r", NOW, good, "not base64!")), "records[1].data is not valid base64");
        assertMalformed(new String(request("r", NOW, good, notGzip)), "records[1].data is not valid gzip");
        assertMalformed(new String(request("r", NOW, notJson)), "records[0]: subscription message is not valid JSON");
        assertMalformed(new String(request("r", NOW, text)), "records[0].data is neither gzip nor a JSON subscription message");
        assertMalformed("{\"records\": [{\"data\": 7}]}", "records[0].data must be a base64 string");
    }

    @Test
    void malformedMessages_nameTheField() {
        assertMessageMalformed("{\"messageType\":\"OTHER\"}", "records[0].messageType must be DATA_MESSAGE or CONTROL_MESSAGE, got 'OTHER'");
        assertMessageMalformed("{\"messageType\":\"DATA_MESSAGE\",\"logStream\":\"s\",\"logEvents\":[]}",
                "records[0].logGroup must be a string of 1 to 512 characters");
        assertMessageMalformed("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\"}",
                "records[0].logEvents must be an array");
        assertMessageMalformed("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\"a\"},{\"id\":\"2\",\"timestamp\":\"x\",\"message\":\"b\"}]}",
                "records[0].logEvents[1].timestamp must be epoch milliseconds");
        assertMessageMalformed("{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1}]}", "records[0].logEvents[0].message must be a string");
    }

    @Test
    void recordsInflatingPastTheBudget_areRefused() {
        String big = record(dataMessage("g", "s", logEvent("1", NOW, "x".repeat(100_000))));

        assertThatThrownBy(() -> FirehoseDecoder.decode(request("r", NOW, big, big), 150_000))
                .isInstanceOf(FirehoseDecoder.InflatedTooLargeException.class)
                .hasMessageContaining("more than 150000 bytes").hasMessageContaining("records[1]");
    }

    private static void assertMessageMalformed(String message, String expected) {
        String data = Base64.getEncoder().encodeToString(TestHttp.gzip(message.getBytes(StandardCharsets.UTF_8)));
        assertMalformed(new String(request("r", NOW, data), StandardCharsets.UTF_8), expected);
    }

    private static void assertMalformed(String body, String expected) {
        assertThatThrownBy(() -> FirehoseDecoder.decode(body.getBytes(StandardCharsets.UTF_8), BIG))
                .isInstanceOf(MalformedFirehoseException.class).hasMessageContaining(expected);
    }
}
