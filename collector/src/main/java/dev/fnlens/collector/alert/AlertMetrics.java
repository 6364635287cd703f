package dev.fnlens.collector.alert;

import dev.fnlens.collector.metrics.CollectorMetrics;
import java.time.Duration;

/**
 * The alerting meters (docs/operations.md and docs/alerts.md list them as Prometheus names):
 * evaluations, notifications sent, failed and retried, the outbox depth and the firing alerts.
 */
public final class AlertMetrics {
    private final CollectorMetrics metrics;

    public AlertMetrics(CollectorMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param result {@code ok}, {@code no_data} or {@code error} */
    public void evaluated(String result, Duration took) {
        metrics.increment("fnlens.alert.evaluations", "Alert rule evaluations", "result", result);
        metrics.time("fnlens.alert.evaluation", "Time to evaluate one alert rule", took);
    }

    public void sent(String destination) {
        metrics.increment("fnlens.alert.notifications.sent", "Notifications delivered (2xx)", "destination",
                destination);
    }

    /** @param reason e.g. {@code http_4xx}, {@code gone}, {@code refused}, {@code expired}, {@code deleted} */
    public void failed(String destination, String reason) {
        metrics.increment("fnlens.alert.notifications.failed", "Notifications given up", "destination", destination,
                "reason", reason);
    }

    public void retried(String destination) {
        metrics.increment("fnlens.alert.notifications.retried", "Notification attempts that will be retried",
                "destination", destination);
    }

    /** Gauges read at scrape time. */
    public void register(Alerting alerting) {
        metrics.gauge("fnlens.alert.outbox", "Notifications waiting for delivery", "notifications", alerting,
                a -> a.outboxDepth());
        metrics.gauge("fnlens.alerts.firing", "Alerts firing", null, alerting, a -> a.firingCount());
        metrics.gauge("fnlens.alert.rules", "Alert rules", null, alerting, a -> a.ruleCount());
    }
}
