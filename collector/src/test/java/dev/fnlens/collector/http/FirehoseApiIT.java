package dev.fnlens.collector.http;

import static dev.fnlens.collector.FirehoseFixtures.dataMessage;
import static dev.fnlens.collector.FirehoseFixtures.logEvent;
import static dev.fnlens.collector.FirehoseFixtures.record;
import static dev.fnlens.collector.FirehoseFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.auth.AccessControl;
import dev.fnlens.collector.auth.Sessions;
import dev.fnlens.collector.auth.TokenStore;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.ingest.CloudWatchIngest;
import dev.fnlens.collector.ingest.EventSink;
import dev.fnlens.collector.ingest.OtlpIngest;
import dev.fnlens.collector.metrics.CollectorMetrics;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Firehose endpoint alone on a free port, with a recording sink and a chosen authorizer. */
class FirehoseApiIT {
    @TempDir
    Path dataDir;
    private static final String JSON = "application/json";
    private final List<LogEvent> stored = new CopyOnWriteArrayList<>();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private final CollectorMetrics metrics = new CollectorMetrics();
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        metrics.close();
    }

    @Test
    void accessKey_isHandedToTheAuthorizer_andARefusalIs401InFirehoseShape() {
        TestHttp http = start(stored::addAll, key -> {
            credentials.add(String.valueOf(key));
            return "good-token".equals(key);
        });

        HttpResponse<byte[]> refused = http.post(FirehoseApi.PATH, JSON, body(), "X-Amz-Firehose-Request-Id", "r1",
                "X-Amz-Firehose-Access-Key", "bad-token");
        HttpResponse<byte[]> accepted = http.post(FirehoseApi.PATH, JSON, body(), "X-Amz-Firehose-Request-Id", "r2",
                "X-Amz-Firehose-Access-Key", "good-token");

        assertThat(credentials).containsExactly("bad-token", "good-token");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(refused).get("requestId").asText()).isEqualTo("r1");
        assertThat(TestHttp.json(refused).get("errorMessage").asText()).contains("X-Amz-Firehose-Access-Key");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(stored).hasSize(1);
    }

    @Test
    void storageFailure_is503InFirehoseShape_soFirehoseRetries() {
        TestHttp http = start(events -> {
            throw new IOException("disk full");
        }, IngestAuthorizer.ALLOW_ALL);

        HttpResponse<byte[]> response = http.post(FirehoseApi.PATH, JSON, body(), "X-Amz-Firehose-Request-Id", "r3");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode answer = TestHttp.json(response);
        assertThat(answer.get("requestId").asText()).isEqualTo("r3");
        assertThat(answer.get("errorMessage").asText()).isEqualTo("events not stored: disk full");
        assertThat(answer.get("timestamp").isIntegralNumber()).isTrue();
    }

    @Test
    void withoutTheHeader_theBodysRequestIdIsAnswered() {
        TestHttp http = start(stored::addAll, IngestAuthorizer.ALLOW_ALL);

        HttpResponse<byte[]> response = http.post(FirehoseApi.PATH, JSON, body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).get("requestId").asText()).isEqualTo("body-id");
    }

    private static byte[] body() {
        long now = System.currentTimeMillis();
        return request("body-id", now, record(dataMessage("/aws/lambda/orders", "s", logEvent("1", now, "hello"))));
    }

    private TestHttp start(EventSink sink, IngestAuthorizer authorizer) {
        IngestGate gate = new IngestGate(1024 * 1024);
        List<LogEvent> none = new ArrayList<>();
        AccessControl open = new AccessControl(TokenStore.open(dataDir), new Sessions(Clock.systemUTC()));
        server = HttpSetup.ingestServer(new HttpSetup.Listener("127.0.0.1", 0, null), open,
                new IngestApi(new OtlpIngest(none::addAll), metrics, gate),
                new FirehoseApi(new CloudWatchIngest(sink), metrics, gate, authorizer)).start();
        return new TestHttp(server.port(), server.port());
    }
}
