package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.AlertLease;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lease of collectors that share a cluster: one document ({@code <prefix>-leases/_doc/alerts},
 * holder and expiry) written only with optimistic concurrency ({@code if_seq_no}/{@code if_primary_term}),
 * so two collectors can never both take it. The holder renews it every {@value #RENEW_SECONDS} s for
 * {@value #TERM_SECONDS} s; when it stops (it died, or lost OpenSearch) another takes it once it expired,
 * within about {@value #TERM_SECONDS} + {@value #RENEW_SECONDS} s. The holder counts itself as holding
 * only until {@value #MARGIN_SECONDS} s before its expiry, so terms never overlap (collector clocks in
 * step, as NTP keeps them). Closing releases it at once. The holder's alert state is saved beside the
 * lease ({@code _doc/alert-state}, {@link #handOver}) for the next holder to go on from.
 */
final class OpenSearchLease implements AlertLease, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchLease.class);
    static final long TERM_SECONDS = 30;
    static final long RENEW_SECONDS = 5;
    static final long MARGIN_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final OpenSearchClient client;
    private final String index;
    private final String holder;
    private final Clock clock;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fnlens-alert-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile long heldUntil;
    private long seqNo = -1;
    private long primaryTerm = -1;
    private boolean created;

    OpenSearchLease(OpenSearchClient client, String prefix, String holder, Clock clock) {
        this.client = client;
        this.index = prefix + "-leases";
        this.holder = holder;
        this.clock = clock;
    }

    void start() {
        renewer.scheduleWithFixedDelay(this::renewQuietly, 0, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public boolean held() {
        return clock.millis() < heldUntil;
    }

    private void renewQuietly() {
        boolean before = held();
        try {
            renew();
        } catch (IOException | RuntimeException e) {
            LOG.debug("alert lease: {}", e.toString());
        }
        if (held() != before) {
            LOG.info(held() ? "alert lease taken: this collector evaluates the alert rules"
                    : "alert lease lost: another collector evaluates the alert rules");
        }
    }

    /** One round: take or renew the lease when it is ours or expired. */
    void renew() throws IOException {
        if (!created) {
            ObjectNode settings = OpenSearchClient.JSON.createObjectNode();
            settings.putObject("settings").put("number_of_shards", 1).put("auto_expand_replicas", "0-1");
            OpenSearchClient.Response r = client.json("PUT", "/" + index, settings, TIMEOUT);
            if (!r.ok() && !r.body().contains("resource_already_exists_exception")) {
                OpenSearchClient.check(r, "creating " + index);
            }
            created = true;
        }
        long now = clock.millis();
        OpenSearchClient.Response current = client.get("/" + index + "/_doc/alerts", TIMEOUT);
        String write;
        if (current.status() == 404) {
            write = "/" + index + "/_doc/alerts?op_type=create&refresh=false";
        } else {
            JsonNode doc = OpenSearchClient.check(current, "reading the alert lease").json();
            JsonNode source = doc.path("_source");
            boolean mine = holder.equals(source.path("holder").asText());
            if (!mine && source.path("expiresAt").asLong() > now) {
                heldUntil = 0;
                return; // someone else's, still running
            }
            write = "/" + index + "/_doc/alerts?if_seq_no=" + doc.path("_seq_no").asLong()
                    + "&if_primary_term=" + doc.path("_primary_term").asLong();
        }
        ObjectNode lease = OpenSearchClient.JSON.createObjectNode();
        lease.put("holder", holder).put("expiresAt", now + TERM_SECONDS * 1000).put("renewedAt", now);
        OpenSearchClient.Response written = client.json("PUT", write, lease, TIMEOUT);
        if (written.status() == 409) {
            heldUntil = 0; // another collector wrote first
            return;
        }
        JsonNode answer = OpenSearchClient.check(written, "writing the alert lease").json();
        seqNo = answer.path("_seq_no").asLong();
        primaryTerm = answer.path("_primary_term").asLong();
        heldUntil = now + (TERM_SECONDS - MARGIN_SECONDS) * 1000;
    }

    /** The state in {@code <prefix>-leases/_doc/alert-state}, saved by the holder, or null. */
    @Override
    public JsonNode handedOver() throws IOException {
        OpenSearchClient.Response r = client.get("/" + index + "/_doc/alert-state", TIMEOUT);
        if (r.status() == 404) {
            return null;
        }
        JsonNode state = OpenSearchClient.check(r, "reading the alert state").json().path("_source").path("state");
        return state.isMissingNode() || state.isNull() ? null : state;
    }

    @Override
    public void handOver(JsonNode state) throws IOException {
        ObjectNode doc = OpenSearchClient.JSON.createObjectNode();
        doc.put("holder", holder).put("savedAt", clock.millis()).set("state", state);
        OpenSearchClient.check(client.json("PUT", "/" + index + "/_doc/alert-state", doc, TIMEOUT),
                "saving the alert state");
    }

    /** Stops renewing without giving the lease up, as a collector that dies does (tests). */
    void stopRenewing() {
        renewer.shutdownNow();
    }

    /** Stops renewing and gives the lease up, so another collector takes it at its next round. */
    @Override
    public void close() {
        renewer.shutdownNow();
        if (held()) {
            heldUntil = 0;
            try {
                client.delete("/" + index + "/_doc/alerts?if_seq_no=" + seqNo + "&if_primary_term=" + primaryTerm,
                        TIMEOUT);
            } catch (IOException e) {
                LOG.debug("alert lease not released ({}); it expires by itself", e.toString());
            }
        }
    }
}
