package dev.fnlens.local.http;

import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.TooManyRequestsException;
import dev.fnlens.local.template.FunctionEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a function's {@code Api}/{@code HttpApi} routes at their path and method, as
 * {@code sam local start-api} does: request in, proxy event to the function, its answer back as HTTP.
 */
public final class ApiRoutes {
    private static final List<HandlerType> ANY = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private ApiRoutes() {
    }

    public static void register(RoutesConfig routes, FunctionEvent.HttpRoute route, FunctionPool function) {
        String path = javalinPath(route.path());
        List<HandlerType> methods = route.method().equals("ANY") ? ANY : List.of(HandlerType.findOrCreate(route.method()));
        for (HandlerType method : methods) {
            routes.addHttpHandler(method, path, ctx -> serve(ctx, route, function));
        }
    }

    /** SAM's {@code /items/{id}} is Javalin's too; a greedy {@code {proxy+}} becomes {@code <proxy>}. */
    static String javalinPath(String samPath) {
        return samPath.replaceAll("\\{([^}/]+)\\+}", "<$1>");
    }

    private static void serve(Context ctx, FunctionEvent.HttpRoute route, FunctionPool function) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
        HttpRequestData request = new HttpRequestData(ctx.method().name(), ctx.path(), ctx.queryString(), headers,
                ctx.queryParamMap(), ctx.pathParamMap(), ctx.bodyAsBytes(), ctx.ip());
        ApiGatewayEvents.HttpAnswer answer;
        try {
            InvocationResult result = function.invoke(ApiGatewayEvents.request(route, request), ctx.header("X-Amzn-Trace-Id"));
            answer = result.failed() ? ApiGatewayEvents.badGateway() : ApiGatewayEvents.response(route, result.payload());
        } catch (TooManyRequestsException e) {
            ctx.status(429).json(Map.of("message", "Too Many Requests"));
            return;
        }
        ctx.status(answer.status());
        answer.headers().forEach(ctx::header);
        ctx.result(answer.body());
    }
}
