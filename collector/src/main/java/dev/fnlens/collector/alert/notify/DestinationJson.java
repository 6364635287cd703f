package dev.fnlens.collector.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import dev.fnlens.collector.alert.rule.Json;
import dev.fnlens.collector.alert.rule.NotifyTimers;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.alert.rule.TextTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A destination from and to its JSON/YAML shape (the config file's {@code alerts.destinations} items and
 * the body of {@code /api/alerts/destinations}).
 */
public final class DestinationJson {
    static final Set<String> KEYS = Set.of("name", "type", "url", "secret", "allow_private", "body", "content_type",
            "group_wait", "group_interval", "repeat_interval", "send_resolved", "disabled");

    private DestinationJson() {
    }

    /**
     * @throws InvalidRuleException on the first problem found, naming the key
     */
    public static Destination parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidRuleException(null, "a destination must be an object with name, type and url");
        }
        Json.requireKnownKeys(json, KEYS);
        String name = RuleJson.name(json, "destination");
        Destination.Type type = type(Json.text(json, "type", "webhook"));
        boolean allowPrivate = Json.bool(json, "allow_private", false);
        URI url = url(Json.requiredText(json, "url"), allowPrivate);
        String secret = Json.text(json, "secret", null);
        if (secret != null) {
            StandardWebhooks.key(secret);
        }
        String body = Json.text(json, "body", null);
        String contentType = Json.text(json, "content_type", null);
        if (type == Destination.Type.TEMPLATE) {
            if (body == null || body.isBlank()) {
                throw new InvalidRuleException("body", "required for type template");
            }
            for (String n : TextTemplate.compile(body, "body").names()) {
                if (!Payloads.TEMPLATE_NAMES.contains(n) && !n.startsWith("commonLabels.")
                        && !n.startsWith("commonAnnotations.") && !n.startsWith("groupLabels.")) {
                    throw new InvalidRuleException("body", "'{{ " + n + " }}' is not a template value; use one of "
                            + Payloads.TEMPLATE_NAMES + " or commonLabels.<name>, commonAnnotations.<name>");
                }
            }
            contentType = contentType == null ? "application/json" : contentType;
            if (!contentType.matches("[\\w.+-]+/[\\w.+-]+(\\s*;.*)?")) {
                throw new InvalidRuleException("content_type", "expected a media type such as application/json");
            }
        } else if (body != null || contentType != null) {
            throw new InvalidRuleException(body != null ? "body" : "content_type", "only for type template");
        }
        NotifyTimers timers = Json.timers(json);
        return new Destination(name, type, url, secret, allowPrivate, body, contentType, timers,
                Json.bool(json, "send_resolved", true), Json.bool(json, "disabled", false));
    }

    /** The JSON shape; the secret only when {@code withSecret} (the API never shows it: {@code secret_set}). */
    public static ObjectNode toJson(Destination d, boolean withSecret) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", d.name());
        json.put("type", d.type().text());
        json.put("url", d.url().toString());
        if (withSecret) {
            if (d.secret() != null) {
                json.put("secret", d.secret());
            }
        } else {
            json.put("secret_set", d.secret() != null);
        }
        json.put("allow_private", d.allowPrivate());
        if (d.body() != null) {
            json.put("body", d.body());
            json.put("content_type", d.contentType());
        }
        json.put("send_resolved", d.sendResolved());
        Json.putTimers(json, d.timers());
        json.put("disabled", d.disabled());
        return json;
    }

    private static Destination.Type type(String text) {
        try {
            return Destination.Type.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException("type", "expected webhook, slack or template, got '" + text + "'");
        }
    }

    /** An absolute http(s) URL whose host is allowed ({@link AddressPolicy}, judged without DNS here). */
    public static URI url(String text, boolean allowPrivate) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidRuleException("url", "not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidRuleException("url", "only http and https URLs can receive webhooks, got '" + text + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidRuleException("url", "the URL has no host: '" + text + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidRuleException("url", "credentials in the URL are not supported; use a secret");
        }
        String refused = AddressPolicy.refuseHost(url, allowPrivate);
        if (refused != null) {
            throw new InvalidRuleException("url", "refused: " + refused);
        }
        return url;
    }
}
