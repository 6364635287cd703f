package dev.fnlens.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.bench.Http;
import dev.fnlens.bench.data.CloudWatchLines;
import dev.fnlens.bench.data.DataSetSpec;
import dev.fnlens.bench.data.DataSetSummary;
import dev.fnlens.bench.data.Invocation;
import dev.fnlens.bench.data.InvocationGenerator;
import dev.fnlens.bench.data.LambdaEvent;
import dev.fnlens.bench.fnlens.FirehoseBatch;
import dev.fnlens.bench.fnlens.OtlpBatch;
import dev.fnlens.bench.opensearch.BulkBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated data set on disk, in both encodings: {@code fnlens.bin} (OTLP protobuf,
 * a traces and a logs body per batch) and {@code opensearch.bin} (a bulk body per batch),
 * plus {@code manifest.json} (spec and what it holds). Reused when the spec matches.
 *
 * @param events    log events in the data set
 * @param fromMillis oldest event timestamp
 * @param toMillis   newest event timestamp
 */
public record PreparedData(Path dir, DataSetSpec spec, long events, long fromMillis, long toMillis,
                           JsonNode manifest) {

    public Path fnlensFile() {
        return dir.resolve("fnlens.bin");
    }

    public Path openSearchFile() {
        return dir.resolve("opensearch.bin");
    }

    /**
     * OTLP as the agent sends it; Firehose when only some kinds of lines are kept, which a
     * span (always START, END and REPORT) cannot express.
     */
    private static List<Batch.Body> fnlensBodies(DataSetSpec spec, List<Invocation> batch, List<LambdaEvent> events,
                                                 long eventsSoFar) {
        if (!spec.kinds().isEmpty()) {
            return List.of(new Batch.Body(Batch.Kind.FIREHOSE,
                    FirehoseBatch.of(events, spec.endMillis(), eventsSoFar)));
        }
        List<Batch.Body> otlp = new ArrayList<>(2);
        otlp.add(new Batch.Body(Batch.Kind.OTLP_TRACES, OtlpBatch.traces(batch).toByteArray()));
        var logs = OtlpBatch.logs(batch);
        if (logs != null) {
            otlp.add(new Batch.Body(Batch.Kind.OTLP_LOGS, logs.toByteArray()));
        }
        return otlp;
    }

    /** The data set for {@code spec} in {@code dir}: read back if there, generated otherwise. */
    public static PreparedData prepare(Path dir, DataSetSpec spec) throws IOException {
        PreparedData existing = load(dir);
        if (existing != null && existing.spec().seed() == spec.seed() && existing.spec().events() == spec.events()
                && existing.spec().hours() == spec.hours() && existing.spec().batchEvents() == spec.batchEvents()
                && existing.spec().appLines() == spec.appLines() && existing.spec().kinds().equals(spec.kinds())
                && existing.spec().endMillis() > System.currentTimeMillis() - Duration.ofDays(10).toMillis()) {
            System.out.println("data set: reusing " + dir);
            return existing;
        }
        return generate(dir, spec);
    }

    /** The data set in {@code dir}, or null when there is none. */
    public static PreparedData load(Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.exists(manifest)) {
            return null;
        }
        JsonNode m = Http.JSON.readTree(manifest.toFile());
        JsonNode s = m.path("spec");
        DataSetSpec spec = new DataSetSpec(s.path("seed").asLong(), s.path("events").asLong(), s.path("hours").asInt(),
                s.path("endMillis").asLong(), s.path("batchEvents").asInt(), s.path("appLines").asBoolean(true),
                kinds(s.path("kinds")));
        JsonNode sum = m.path("summary");
        return new PreparedData(dir, spec, sum.path("events").asLong(), sum.path("fromMillis").asLong(),
                sum.path("toMillis").asLong(), m);
    }

    private static java.util.Set<String> kinds(JsonNode array) {
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        array.forEach(k -> kinds.add(k.asText()));
        return kinds;
    }

    private static PreparedData generate(Path dir, DataSetSpec spec) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("manifest.json"));
        long t0 = System.nanoTime();
        DataSetSummary summary = new DataSetSummary();
        long nextReport = 1_000_000;
        try (BatchFile.Writer fnlens = new BatchFile.Writer(dir.resolve("fnlens.bin"));
             BatchFile.Writer openSearch = new BatchFile.Writer(dir.resolve("opensearch.bin"))) {
            InvocationGenerator invocations = new InvocationGenerator(spec);
            List<Invocation> batch = new ArrayList<>();
            List<LambdaEvent> events = new ArrayList<>();
            while (invocations.hasNext()) {
                Invocation inv = invocations.next();
                List<LambdaEvent> lines = CloudWatchLines.of(inv).stream().filter(spec::keeps).toList();
                summary.add(inv, lines);
                batch.add(inv);
                events.addAll(lines);
                if (events.size() >= spec.batchEvents() || !invocations.hasNext()) {
                    summary.batch();
                    fnlens.write(new Batch(events.size(), fnlensBodies(spec, batch, events, summary.events())));
                    openSearch.write(new Batch(events.size(),
                            List.of(new Batch.Body(Batch.Kind.OPENSEARCH_BULK, BulkBody.of(events)))));
                    batch.clear();
                    events.clear();
                }
                if (summary.events() >= nextReport) {
                    System.out.printf("  generated %,d events%n", summary.events());
                    nextReport += 1_000_000;
                }
            }
        }
        ObjectNode manifest = Http.JSON.createObjectNode();
        manifest.set("spec", Http.JSON.valueToTree(spec));
        ObjectNode s = manifest.putObject("summary");
        s.put("events", summary.events()).put("batches", summary.batches())
                .put("invocations", summary.invocations()).put("coldStarts", summary.coldStarts())
                .put("errors", summary.errors()).put("timeouts", summary.timeouts())
                .put("fromMillis", summary.minTimestamp()).put("toMillis", summary.maxTimestamp())
                .put("fnlensBytes", Files.size(dir.resolve("fnlens.bin")))
                .put("openSearchBytes", Files.size(dir.resolve("opensearch.bin")));
        ObjectNode kinds = s.putObject("eventsByKind");
        for (Map.Entry<String, Long> e : summary.eventsByKind().entrySet()) {
            kinds.put(e.getKey(), e.getValue());
        }
        Http.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(), manifest);
        System.out.printf("data set: %s (%.0f s)%n", summary, (System.nanoTime() - t0) / 1e9);
        return load(dir);
    }
}
