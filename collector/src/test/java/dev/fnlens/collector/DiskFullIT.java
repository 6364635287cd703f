package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import io.opentelemetry.proto.logs.v1.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk, for real: the data directory lives on a small tmpfs, which a filler file
 * fills. Ingest must answer 503 with Retry-After instead of acknowledging what it cannot
 * store, and come back by itself once the filler is gone — with every acknowledged event
 * still found exactly once, before and after a restart. Needs permission to mount (root);
 * skipped with a message otherwise.
 */
class DiskFullIT {
    private static final String TMPFS_SIZE = "48m";
    private static final long RESERVE = 4L * 1024 * 1024;

    private Path mount;
    private Collector collector;
    private TestHttp http;
    private final AckLedger ledger = new AckLedger();
    private final String function = "disk-" + AckLedger.runId();

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createTempDirectory("fnlens-tmpfs");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        boolean mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + output.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (collector != null) {
            collector.close();
        }
        new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        Files.deleteIfExists(mount);
    }

    @Test
    void fullDisk_is503WithRetryAfter_thenIngestRecoversByItself_andNothingAcknowledgedIsLost() throws Exception {
        // given
        start(RESERVE);
        sendBatches(20);
        ledger.awaitSearchable(http, 10_000);

        // when: the disk fills up completely
        Path filler = fill();
        Thread.sleep(500); // the guard reads free space at most every 200 ms

        // then: nothing more is acknowledged, and clients are told when to retry
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> refused = http.post("/v1/traces", "application/x-protobuf",
                    OtlpFixtures.traces(function, OtlpFixtures.STREAM,
                            OtlpFixtures.invocation("refused-" + i, System.currentTimeMillis())).toByteArray());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(TestHttp.json(refused).get("error").asText()).isEqualTo("disk_full");
        }
        assertThat(TestHttp.json(http.get("/healthz")).get("problem").asText()).contains("disk");

        // when: space comes back
        Files.delete(filler);

        // then: ingest resumes by itself, and everything acknowledged is there once
        awaitAccepted();
        sendBatches(20);
        ledger.awaitSearchable(http, 20_000);
        ledger.assertExactlyOnce(http);
        awaitHealthy();

        // and after a restart
        collector.close();
        start(RESERVE);
        ledger.assertExactlyOnce(http);
        assertThat(http.search("refused-*", 10).get("events")).isEmpty();
    }

    @Test
    void writeAheadLogRunningOutMidWrite_refusesThatBatchOnly_andGoesOn() throws Exception {
        // given: no reserve, so the write itself meets the full disk
        start(0);
        sendBatches(10);
        ledger.awaitSearchable(http, 10_000);
        Path filler = fill();
        shrink(filler, 64 * 1024); // a little room: less than the next batch needs

        // when: a batch larger than the room left arrives
        LogRecord.Builder[] big = new LogRecord.Builder[8];
        for (int i = 0; i < big.length; i++) {
            big[i] = OtlpFixtures.logRecord("big-" + i, System.currentTimeMillis(), "INFO", "x".repeat(100_000));
        }
        HttpResponse<byte[]> refused = http.post("/v1/logs", "application/x-protobuf",
                OtlpFixtures.logs(function, OtlpFixtures.STREAM, big).toByteArray());

        // then: it is refused, not acknowledged half-written
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(TestHttp.json(refused).get("error").asText()).isEqualTo("disk_full");

        // when: space comes back, then: the log goes on without a restart
        Files.delete(filler);
        awaitAccepted();
        sendBatches(10);
        ledger.awaitSearchable(http, 60_000);
        ledger.assertExactlyOnce(http);
        awaitHealthy();
        collector.close();
        start(0);
        ledger.assertExactlyOnce(http);
        assertThat(http.search("big", 10).get("events")).isEmpty();
    }

    @Test
    void indexMeetingAFullDisk_recoversWithoutARestart() throws Exception {
        // given: no reserve and little room, so Lucene's flushes and commits run out of space
        start(0);
        sendBatches(5);
        ledger.awaitSearchable(http, 10_000);
        Path filler = fill();
        shrink(filler, 512 * 1024);

        // when: ingest goes on until the index fails (the write-ahead log's small writes still fit)
        String problem = "";
        for (int i = 0; i < 3_000 && !problem.startsWith("index"); i++) {
            ledger.send(http, function, 5); // acknowledged or refused, either is fine here
            if (i % 10 == 0) {
                http.search("REPORT", 1); // searches keep the index refreshing, so it flushes
                JsonNode health = TestHttp.json(http.get("/healthz"));
                problem = health.has("problem") ? health.get("problem").asText() : "";
            }
        }
        assertThat(problem).as("the disk filled up under the index").startsWith("index");

        // then: once space is back the index recovers by itself, holding everything acknowledged
        Files.delete(filler);
        awaitHealthy();
        awaitAccepted();
        sendBatches(5);
        ledger.awaitSearchable(http, 60_000);
        ledger.assertExactlyOnce(http);
        collector.close();
        start(0);
        ledger.assertExactlyOnce(http);
    }

    private void start(long reserve) throws IOException {
        collector = Collector.start(CollectorConfig.defaults().withDataDir(mount.resolve("data")).withOtlpPort(0)
                .withHttpPort(0).withMinFreeDiskBytes(reserve));
        http = new TestHttp(collector.otlpPort(), collector.httpPort());
    }

    private void sendBatches(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(ledger.send(http, function, 5)).as("batch %d", i).isTrue();
        }
    }

    /** Writes a file until the file system says it is full. */
    private Path fill() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 1);
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        return filler;
    }

    private static void shrink(Path file, long bytes) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    /** Polls with small batches until one is acknowledged (a client honouring Retry-After would wait 5 s). */
    private void awaitAccepted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ledger.send(http, function, 1)) {
            assertThat(System.nanoTime()).as("ingest accepted again within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (http.get("/healthz").statusCode() != 200) {
            assertThat(System.nanoTime()).as("healthy again within 60 s: " + new String(http.get("/healthz").body()))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
