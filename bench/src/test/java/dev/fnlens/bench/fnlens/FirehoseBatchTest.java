package dev.fnlens.bench.fnlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.bench.data.CloudWatchLines;
import dev.fnlens.bench.data.DataSetSpec;
import dev.fnlens.bench.data.InvocationGenerator;
import dev.fnlens.bench.data.LambdaEvent;
import dev.fnlens.collector.ingest.FirehoseDecoder;
import dev.fnlens.collector.ingest.SubscriptionMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirehoseBatchTest {

    @Test
    void reportOnlyBatch_decodesToTheSameLines_inTheirStreams() throws Exception {
        DataSetSpec spec = new DataSetSpec(5, 2_000, 1, 1_767_225_600_000L, 500);
        List<LambdaEvent> reports = new ArrayList<>();
        new InvocationGenerator(spec).forEachRemaining(inv -> CloudWatchLines.of(inv).stream()
                .filter(e -> "REPORT".equals(e.type())).forEach(reports::add));

        FirehoseDecoder.Request request = FirehoseDecoder.decode(FirehoseBatch.of(reports, 0, 1), 64 << 20);

        List<String> decoded = new ArrayList<>();
        for (SubscriptionMessage m : request.messages()) {
            m.logEvents().forEach(e -> decoded.add(m.logGroup() + " " + m.logStream() + " " + e.timestamp()
                    + " " + e.message()));
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(reports.stream()
                .map(e -> e.log() + " " + e.logStream() + " " + e.timestamp() + " " + e.message()).toList());
    }
}
