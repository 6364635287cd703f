package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The classic greeting function: {@code {"name": "Ada"}} in, a 200 with a greeting out. Behind API Gateway the
 * name comes from the query string ({@code ?name=Ada}) or the path ({@code /hello/{name}}).
 */
public class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object name = event == null ? null : firstPresent(event.get("name"), nested(event, "queryStringParameters"),
                nested(event, "pathParameters"));
        String who = name == null || name.toString().isBlank() ? "World" : name.toString();
        if (context != null) {
            context.getLogger().log("Greeting " + who + "\n");
        }
        String body = "{\"message\":" + Json.quote("Hello, " + who + "! Welcome to AWS Lambda.") + "}";
        return Map.of("statusCode", 200, "headers", Map.of("Content-Type", "application/json"), "body", body);
    }

    private static Object nested(Map<String, Object> event, String parameters) {
        return event.get(parameters) instanceof Map<?, ?> map ? map.get("name") : null;
    }

    private static Object firstPresent(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
