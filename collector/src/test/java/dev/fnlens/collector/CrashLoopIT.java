package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's JVM is killed with SIGKILL at a random moment while four senders keep it
 * busy, then restarted on the same data directory, round after round. After every kill each
 * day index passes Lucene's CheckIndex, and after every restart every acknowledged
 * invocation is found exactly once.
 *
 * <p>CI runs {@value #CI_ROUNDS} rounds; the full run is
 * {@code mvn -pl collector verify -Dit.test=CrashLoopIT -Dfnlens.crash.rounds=20}. The kill
 * times derive from {@code -Dfnlens.crash.seed} (printed).
 */
class CrashLoopIT {
    static final int CI_ROUNDS = 6;
    private static final int ROUNDS = Integer.getInteger("fnlens.crash.rounds", CI_ROUNDS);
    private static final long SEED = Long.getLong("fnlens.crash.seed", System.nanoTime());
    private static final int SENDERS = 4;
    private static final int PER_BATCH = 5;
    /** Batches per round at most, so that each function's events fit one search. */
    private static final int MAX_BATCHES = 1_800;
    /** Each sender's pause between batches: about 200 batches/s in all, sustained until the kill. */
    private static final long PAUSE_MILLIS = 20;

    @TempDir
    Path data;
    @TempDir
    Path logs;
    private final AckLedger ledger = new AckLedger();
    private final String run = AckLedger.runId();

    @Test
    void killedAtRandomDuringIngest_everyAcknowledgedEventSurvivesExactlyOnce_andTheIndexIsClean() throws Exception {
        Random random = new Random(SEED);
        System.out.printf("crash loop: %d rounds, seed %d%n", ROUNDS, SEED);
        long t0 = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++) {
            // given: a collector restarted after the previous kill
            CollectorProcess collector = CollectorProcess.start(data, logs.resolve("round-" + round + ".log"));
            ledger.assertExactlyOnce(collector.http());
            assertThat(collector.http().get("/healthz").statusCode()).isEqualTo(200);

            // when: it is killed at a random moment of sustained ingest
            long killAfterMillis = 200 + random.nextInt(6_000); // commits happen every 5 s: both sides of one
            int acked = killDuringIngest(collector, "crash-" + run + "-r" + round, killAfterMillis);
            System.out.printf("crash loop: round %d killed after %d ms, %d invocations acknowledged (%d in all)%n",
                    round, killAfterMillis, acked, ledger.acknowledged());

            // then: the index Lucene finds on disk is sound
            assertIndexesClean();
        }
        CollectorProcess last = CollectorProcess.start(data, logs.resolve("final.log"));
        ledger.assertExactlyOnce(last.http());
        last.stop();
        assertThat(Files.readString(last.log())).doesNotContain("ERROR");
        System.out.printf("crash loop: %d kills survived, %d acknowledged invocations (x3 events) all found once,"
                + " %d s%n", ROUNDS, ledger.acknowledged(), (System.nanoTime() - t0) / 1_000_000_000);
    }

    private int killDuringIngest(CollectorProcess collector, String function, long killAfterMillis)
            throws InterruptedException {
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger batches = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            Thread sender = new Thread(() -> {
                while (sending.get() && batches.incrementAndGet() <= MAX_BATCHES) {
                    if (!ledger.send(collector.http(), function, PER_BATCH)) {
                        return; // the collector died under it
                    }
                    try {
                        Thread.sleep(PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        Thread.sleep(killAfterMillis);
        collector.kill();
        sending.set(false);
        for (Thread sender : senders) {
            sender.join(30_000);
        }
        return ledger.acknowledged(function);
    }

    private void assertIndexesClean() throws IOException {
        Path index = data.resolve("index");
        if (!Files.isDirectory(index)) {
            return;
        }
        try (Stream<Path> days = Files.list(index)) {
            for (Path day : days.filter(Files::isDirectory).toList()) {
                try (FSDirectory dir = FSDirectory.open(day)) {
                    if (!DirectoryReader.indexExists(dir)) {
                        continue; // killed before this day's first commit: nothing to check
                    }
                    CheckIndex check = new CheckIndex(dir);
                    check.setInfoStream(null);
                    CheckIndex.Status status = check.checkIndex();
                    check.close();
                    assertThat(status.clean).as("CheckIndex of %s", day).isTrue();
                }
            }
        }
    }
}
