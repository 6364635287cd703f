package dev.fnlens.collector.alert.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.Alerting;
import dev.fnlens.collector.alert.AlertsException;
import dev.fnlens.collector.alert.eval.ResultRows;
import dev.fnlens.collector.alert.notify.Payloads;
import dev.fnlens.collector.alert.outbox.WebhookSender;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import dev.fnlens.collector.alert.rule.RuleJson;
import dev.fnlens.collector.alert.templates.BuiltinTemplates;
import dev.fnlens.collector.http.ApiException;
import dev.fnlens.query.QueryResult;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;

/**
 * {@code /api/alerts/...}: rules, destinations, history, firing alerts, templates. Bodies take the config
 * file's shape (snake_case keys, durations as text). The scopes are in {@link dev.fnlens.collector.auth.AccessPolicy}:
 * reading alert state needs {@code read}; changes, and anything under {@code /api/alerts/destinations}
 * (webhook URLs can be credentials, as Slack's are), need {@code admin}.
 */
public final class AlertsApi {
    static final int DEFAULT_HISTORY = 100;
    static final int MAX_HISTORY = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final java.util.Set<String> RULE_STATUS = java.util.Set.of("source", "state", "lastEvaluation", "lastValue",
            "lastError", "alerts", "values");
    static final java.util.Set<String> DESTINATION_STATUS = java.util.Set.of("source", "secret_set", "waiting",
            "deliveries");

    private final Alerting alerting;

    public AlertsApi(Alerting alerting) {
        this.alerting = alerting;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/alerts/rules", this::listRules);
        routes.get("/api/alerts/rules/{name}", ctx -> ctx.json(Views.rule(alerting.rule(ctx.pathParam("name")))));
        routes.post("/api/alerts/rules", this::createRule);
        routes.put("/api/alerts/rules/{name}", this::updateRule);
        routes.delete("/api/alerts/rules/{name}", this::deleteRule);
        routes.post("/api/alerts/preview", this::preview);
        routes.get("/api/alerts/destinations", this::listDestinations);
        routes.get("/api/alerts/destinations/{name}", ctx ->
                ctx.json(Views.destination(alerting.destination(ctx.pathParam("name")))));
        routes.post("/api/alerts/destinations", this::createDestination);
        routes.put("/api/alerts/destinations/{name}", this::updateDestination);
        routes.delete("/api/alerts/destinations/{name}", this::deleteDestination);
        routes.post("/api/alerts/destinations/{name}/test", this::test);
        routes.get("/api/alerts/history", this::history);
        routes.get("/api/alerts/firing", this::firing);
        routes.get("/api/alerts/templates", ctx -> ctx.json(Views.templates()));
        routes.post("/api/alerts/templates/{id}", this::fromTemplate);
        routes.exception(InvalidRuleException.class, (e, ctx) -> ctx.status(400).json(Views.invalid(e)));
        routes.exception(AlertsException.class, (e, ctx) -> ctx.status(
                e.kind() == AlertsException.Kind.NOT_FOUND ? 404 : 409).json(JsonNodeFactory.instance.objectNode()
                .put("error", e.kind() == AlertsException.Kind.NOT_FOUND ? "not_found" : "conflict")
                .put("message", e.getMessage())));
    }

    private void listRules(Context ctx) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode rules = json.putArray("rules");
        alerting.rules().forEach(r -> rules.add(Views.rule(r)));
        ctx.json(json);
    }

    private void createRule(Context ctx) throws IOException {
        AlertRule rule = alerting.createRule(body(ctx));
        ctx.status(201).json(Views.rule(alerting.rule(rule.name())));
    }

    private void updateRule(Context ctx) throws IOException {
        JsonNode body = withoutStatus(body(ctx), RULE_STATUS);
        if (body.isObject() && !body.has("name")) {
            ((ObjectNode) body).put("name", ctx.pathParam("name"));
        }
        AlertRule rule = alerting.updateRule(ctx.pathParam("name"), body);
        ctx.json(Views.rule(alerting.rule(rule.name())));
    }

    private void deleteRule(Context ctx) throws IOException {
        alerting.deleteRule(ctx.pathParam("name"));
        ctx.status(204);
    }

    /** Runs a rule (not saved; name optional) once and shows each group's value against the condition. */
    private void preview(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (body.isObject() && !body.has("name")) {
            ((ObjectNode) body).put("name", "preview");
        }
        AlertRule rule = RuleJson.parse(body);
        QueryResult result = alerting.preview(rule);
        ctx.json(Views.preview(rule, result, ResultRows.observations(rule, result)));
    }

    private void listDestinations(Context ctx) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode list = json.putArray("destinations");
        alerting.destinations().forEach(d -> list.add(Views.destination(d)));
        ctx.json(json);
    }

    private void createDestination(Context ctx) throws IOException {
        String name = alerting.createDestination(body(ctx)).name();
        ctx.status(201).json(Views.destination(alerting.destination(name)));
    }

    private void updateDestination(Context ctx) throws IOException {
        JsonNode body = withoutStatus(body(ctx), DESTINATION_STATUS);
        if (body.isObject() && !body.has("name")) {
            ((ObjectNode) body).put("name", ctx.pathParam("name"));
        }
        String name = alerting.updateDestination(ctx.pathParam("name"), body).name();
        ctx.json(Views.destination(alerting.destination(name)));
    }

    private void deleteDestination(Context ctx) throws IOException {
        alerting.deleteDestination(ctx.pathParam("name"));
        ctx.status(204);
    }

    /** Sends a test notification now; 200 with what the receiver answered, whether or not it took it. */
    private void test(Context ctx) {
        WebhookSender.Result r = alerting.testDestination(ctx.pathParam("name"));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("delivered", r.outcome() == WebhookSender.Outcome.DELIVERED);
        json.put("outcome", r.outcome().name().toLowerCase());
        if (r.status() > 0) {
            json.put("status", r.status());
        }
        json.put("detail", r.detail());
        ctx.json(json);
    }

    private void history(Context ctx) {
        int limit = DEFAULT_HISTORY;
        String l = ctx.queryParam("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_HISTORY) {
                throw new ApiException(400, "bad_request", "limit must be between 1 and " + MAX_HISTORY);
            }
        }
        ctx.json(Views.history(alerting.history(ctx.queryParam("rule"), limit)));
    }

    private void firing(Context ctx) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode alerts = json.putArray("alerts");
        alerting.firing().forEach(a -> alerts.add(Payloads.alertJson(a)));
        ctx.json(json);
    }

    private void fromTemplate(Context ctx) throws IOException {
        BuiltinTemplates.Template t = BuiltinTemplates.find(ctx.pathParam("id"));
        if (t == null) {
            throw new ApiException(404, "not_found", "no template '" + ctx.pathParam("id") + "'; see GET /api/alerts/templates");
        }
        JsonNode body = ctx.body().isBlank() ? JsonNodeFactory.instance.objectNode() : body(ctx);
        AlertRule rule = alerting.createRule(BuiltinTemplates.instantiate(t, body));
        ctx.status(201).json(Views.rule(alerting.rule(rule.name())));
    }

    /** What GET adds to the item's own shape: a client may send a GET answer back with its changes. */
    private static JsonNode withoutStatus(JsonNode body, java.util.Set<String> status) {
        ((ObjectNode) body).remove(status);
        return body;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode json = JSON.readTree(ctx.body());
            if (json == null || !json.isObject()) {
                throw new ApiException(400, "bad_request", "expected a JSON object");
            }
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "bad_request", "the body is not JSON: " + e.getOriginalMessage());
        }
    }
}
