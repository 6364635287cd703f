package dev.fnlens.collector.alert.notify;

import dev.fnlens.collector.alert.rule.NotifyTimers;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where notifications go: an http(s) URL and the body's shape. Built and checked by {@link DestinationJson}.
 *
 * @param secret       Standard Webhooks signing secret ({@code whsec_<base64>}), or null to send unsigned
 * @param allowPrivate whether the URL may reach private and link-local addresses (loopback always may)
 * @param body         the body template ({@link Type#TEMPLATE} only)
 * @param contentType  the body's media type ({@link Type#TEMPLATE} only; the others send JSON)
 * @param disabled     set when the receiver answered 410 Gone: nothing is sent until the destination is saved again
 */
public record Destination(String name, Type type, URI url, String secret, boolean allowPrivate, String body,
                          String contentType, NotifyTimers timers, boolean sendResolved, boolean disabled) {

    /** The body's shape. */
    public enum Type {
        /** Alertmanager's webhook body, version 4. */
        WEBHOOK,
        /** A Slack incoming webhook: {@code {"text": ...}}. */
        SLACK,
        /** The destination's own body template. */
        TEMPLATE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Destination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timers, "timers");
    }

    public Destination withDisabled(boolean disabled) {
        return new Destination(name, type, url, secret, allowPrivate, body, contentType, timers, sendResolved,
                disabled);
    }
}
