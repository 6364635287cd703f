package dev.fnlens.collector.alert.outbox;

import dev.fnlens.collector.alert.notify.AddressPolicy;
import dev.fnlens.collector.alert.notify.Destination;
import dev.fnlens.collector.alert.notify.StandardWebhooks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One attempt to deliver one notification: a signed POST (Standard Webhooks headers), the answer classified.
 * Redirects are not followed (a redirect could lead anywhere, including to metadata addresses), and the
 * host's addresses are checked against {@link AddressPolicy} before connecting.
 */
public final class WebhookSender {
    static final String USER_AGENT = "fnlens-alerts/1";

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /** What an attempt came to. */
    public enum Outcome {
        /** 2xx. */
        DELIVERED,
        /** Timeout, connection error, 408, 429 or 5xx: try again later. */
        RETRY,
        /** Any other answer, or a refused address: give up. */
        FAILED,
        /** 410 Gone: give up and disable the destination. */
        GONE
    }

    /**
     * @param status     the HTTP status, or 0 when there was no answer
     * @param retryAfter the receiver's {@code Retry-After}, or null
     * @param detail     e.g. {@code HTTP 503} or the connection error
     */
    public record Result(Outcome outcome, int status, Duration retryAfter, String detail) {
    }

    public Result send(Destination d, String webhookId, String contentType, String body, long nowMillis) {
        URI url = d.url();
        String refused = checkAddresses(url, d.allowPrivate());
        if (refused != null) {
            return new Result(refused.startsWith("unknown host") ? Outcome.RETRY : Outcome.FAILED, 0, null, refused);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = nowMillis / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", USER_AGENT)
                .header(StandardWebhooks.ID, webhookId)
                .header(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (d.secret() != null) {
            request.header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(d.secret(), webhookId, timestamp, bytes));
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return new Result(Outcome.RETRY, 0, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.RETRY, 0, null, "interrupted");
        }
        int status = response.statusCode();
        String detail = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return new Result(Outcome.DELIVERED, status, null, detail);
        }
        if (status == 410) {
            return new Result(Outcome.GONE, status, null, detail);
        }
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(WebhookSender::retryAfter)
                    .orElse(null);
            return new Result(Outcome.RETRY, status, retryAfter, detail);
        }
        return new Result(Outcome.FAILED, status, null, detail);
    }

    /** Why the URL's host may not be reached, after resolving it; null when it may. */
    static String checkAddresses(URI url, boolean allowPrivate) {
        String refused = AddressPolicy.refuseHost(url, allowPrivate);
        if (refused != null) {
            return "refused: " + refused;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(url.getHost())) {
                String why = AddressPolicy.refuse(a, allowPrivate);
                if (why != null) {
                    return "refused: " + url.getHost() + " resolves to " + why;
                }
            }
        } catch (UnknownHostException e) {
            return "unknown host " + url.getHost();
        }
        return null;
    }

    /** {@code Retry-After}: seconds, or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
