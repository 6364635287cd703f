package dev.fnlens.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.local.template.FunctionEvent;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway's proxy integration: the request event a function gets (REST API payload 1.0,
 * {@code APIGatewayProxyRequestEvent}; HTTP API payload 2.0, {@code APIGatewayV2HTTPEvent}) and how its
 * answer becomes the HTTP response.
 */
public final class ApiGatewayEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter V2_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    /** What goes back to the HTTP caller. */
    public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
    }

    private ApiGatewayEvents() {
    }

    public static byte[] request(FunctionEvent.HttpRoute route, HttpRequestData request) {
        ObjectNode event = route.isHttpApi() ? v2(route, request) : v1(route, request);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode v1(FunctionEvent.HttpRoute route, HttpRequestData r) {
        ObjectNode e = JSON.createObjectNode();
        e.put("resource", route.path());
        e.put("path", r.path());
        e.put("httpMethod", r.method());
        ObjectNode headers = e.putObject("headers");
        ObjectNode multiHeaders = e.putObject("multiValueHeaders");
        r.headers().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            values.forEach(multiHeaders.withArray(name)::add);
        });
        if (r.query().isEmpty()) {
            e.putNull("queryStringParameters");
            e.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode query = e.putObject("queryStringParameters");
            ObjectNode multiQuery = e.putObject("multiValueQueryStringParameters");
            r.query().forEach((name, values) -> {
                query.put(name, values.get(values.size() - 1));
                values.forEach(multiQuery.withArray(name)::add);
            });
        }
        putPathParameters(e, r);
        e.putNull("stageVariables");
        ObjectNode context = e.putObject("requestContext");
        context.put("resourcePath", route.path());
        context.put("httpMethod", r.method());
        context.put("path", "/Prod" + r.path());
        context.put("stage", "Prod");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("requestTimeEpoch", System.currentTimeMillis());
        context.put("protocol", "HTTP/1.1");
        context.put("accountId", "000000000000");
        context.put("apiId", "fnlenslocal");
        context.putObject("identity").put("sourceIp", r.sourceIp()).put("userAgent", first(r.headers(), "user-agent"));
        putBody(e, r.body());
        return e;
    }

    private static ObjectNode v2(FunctionEvent.HttpRoute route, HttpRequestData r) {
        ObjectNode e = JSON.createObjectNode();
        String routeKey = (route.method().equals("ANY") ? "ANY" : route.method()) + " " + route.path();
        e.put("version", "2.0");
        e.put("routeKey", routeKey);
        e.put("rawPath", r.path());
        e.put("rawQueryString", r.rawQuery() == null ? "" : r.rawQuery());
        ObjectNode headers = e.putObject("headers");
        r.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        if (!r.query().isEmpty()) {
            ObjectNode query = e.putObject("queryStringParameters");
            r.query().forEach((name, values) -> query.put(name, String.join(",", values)));
        }
        putPathParameters(e, r);
        ObjectNode context = e.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "fnlenslocal");
        context.put("domainName", first(r.headers(), "host"));
        context.putObject("http").put("method", r.method()).put("path", r.path()).put("protocol", "HTTP/1.1")
                .put("sourceIp", r.sourceIp()).put("userAgent", first(r.headers(), "user-agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", ZonedDateTime.now(ZoneOffset.UTC).format(V2_TIME));
        context.put("timeEpoch", System.currentTimeMillis());
        putBody(e, r.body());
        return e;
    }

    /**
     * A proxy answer ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}) as it is; for an
     * HTTP API any other JSON answer is the body of a 200, as payload format 2.0 does.
     */
    public static HttpAnswer response(FunctionEvent.HttpRoute route, byte[] payload) {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            answer = null;
        }
        if (answer != null && answer.has("statusCode")) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            answer.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            answer.path("multiValueHeaders").properties().forEach(h -> headers.put(h.getKey(), h.getValue().path(0).asText()));
            String body = answer.path("body").isMissingNode() || answer.path("body").isNull() ? "" : answer.path("body").asText();
            byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
            return new HttpAnswer(answer.path("statusCode").asInt(200), headers, bytes);
        }
        if (route.isHttpApi()) {
            return new HttpAnswer(200, Map.of("Content-Type", "application/json"), payload);
        }
        return badGateway();
    }

    /** API Gateway's answer when the integration failed (an unhandled error, a timeout, a malformed answer). */
    public static HttpAnswer badGateway() {
        return new HttpAnswer(502, Map.of("Content-Type", "application/json"),
                "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void putPathParameters(ObjectNode e, HttpRequestData r) {
        if (r.pathParameters().isEmpty()) {
            e.putNull("pathParameters");
        } else {
            ObjectNode params = e.putObject("pathParameters");
            r.pathParameters().forEach(params::put);
        }
    }

    /** Text bodies go as they are; anything that is not valid UTF-8 goes base64-encoded, as API Gateway does. */
    private static void putBody(ObjectNode e, byte[] body) {
        if (body.length == 0) {
            e.putNull("body");
            e.put("isBase64Encoded", false);
            return;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            e.put("body", text);
            e.put("isBase64Encoded", false);
        } catch (CharacterCodingException binary) {
            e.put("body", Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", true);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(h -> h.getValue().get(0)).findFirst().orElse("");
    }
}
