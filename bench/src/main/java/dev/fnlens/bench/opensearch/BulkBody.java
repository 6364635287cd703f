package dev.fnlens.bench.opensearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.bench.data.LambdaEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Lambda events as an OpenSearch {@code _bulk} body: one index action (automatic id) and one
 * document per event, with the CloudWatch field names (see {@link LambdaIndexTemplate}).
 * Fields of JSON lines go in as top-level fields, as Logs Insights discovers them.
 */
public final class BulkBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final byte[] ACTION = "{\"index\":{}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private BulkBody() {
    }

    public static byte[] of(List<LambdaEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 400);
        try {
            for (LambdaEvent e : events) {
                out.write(ACTION);
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.setCodec(JSON);
                    document(g, e);
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void document(JsonGenerator g, LambdaEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("@timestamp", e.timestamp());
        g.writeStringField("@message", e.message());
        g.writeStringField("@log", e.log());
        g.writeStringField("@logStream", e.logStream());
        string(g, "@type", e.type());
        string(g, "@requestId", e.requestId());
        number(g, "@duration", e.duration());
        number(g, "@billedDuration", e.billedDuration());
        number(g, "@memorySize", e.memorySize());
        number(g, "@maxMemoryUsed", e.maxMemoryUsed());
        number(g, "@initDuration", e.initDuration());
        if (e.json() != null) {
            for (Map.Entry<String, Object> field : e.json().entrySet()) {
                g.writeObjectField(field.getKey(), field.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }
}
