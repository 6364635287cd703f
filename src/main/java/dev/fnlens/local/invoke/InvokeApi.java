package dev.fnlens.local.invoke;

import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.TooManyRequestsException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.function.Function;

/**
 * Lambda's Invoke API, {@code POST /2015-03-31/functions/{name}/invocations}, so that any AWS SDK pointed at
 * the local runtime works. Request signatures are accepted and not checked: this is a local endpoint.
 */
public final class InvokeApi {
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;

    private final Function<String, FunctionPool> functions;
    private final AsyncInvoker async;

    public InvokeApi(Function<String, FunctionPool> functions, AsyncInvoker async) {
        this.functions = functions;
        this.async = async;
    }

    public void register(RoutesConfig routes) {
        routes.post("/2015-03-31/functions/{name}/invocations", this::invoke);
    }

    private void invoke(Context ctx) throws Exception {
        String name = functionName(ctx.pathParam("name"));
        FunctionPool function = functions.apply(name);
        if (function == null) {
            error(ctx, 404, "ResourceNotFoundException", "Function not found: " + name);
            return;
        }
        String type = ctx.header("X-Amz-Invocation-Type") == null ? "RequestResponse" : ctx.header("X-Amz-Invocation-Type");
        byte[] payload = ctx.bodyAsBytes();
        switch (type) {
            case "RequestResponse" -> {
                if (payload.length > MAX_SYNC_PAYLOAD) {
                    error(ctx, 413, "RequestTooLargeException", "Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes");
                    return;
                }
                try {
                    InvocationResult result = function.invoke(payload, ctx.header("X-Amzn-Trace-Id"));
                    ctx.status(200).header("X-Amz-Executed-Version", "$LATEST").contentType("application/json");
                    if (result.failed()) {
                        ctx.header("X-Amz-Function-Error", "Unhandled");
                    }
                    ctx.result(result.payload());
                } catch (TooManyRequestsException e) {
                    ctx.header("Retry-After", "1");
                    error(ctx, 429, "TooManyRequestsException", e.getMessage(),
                            Map.of("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded"));
                }
            }
            case "Event" -> {
                if (payload.length > MAX_ASYNC_PAYLOAD) {
                    error(ctx, 413, "RequestTooLargeException", "Request must be smaller than " + MAX_ASYNC_PAYLOAD + " bytes");
                    return;
                }
                async.submit(function, payload);
                ctx.status(202);
            }
            case "DryRun" -> ctx.status(204);
            default -> error(ctx, 400, "InvalidParameterValueException",
                    "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, was " + type);
        }
    }

    /** A plain name, a {@code name:qualifier}, or a function ARN all name the same function locally. */
    static String functionName(String given) {
        String name = given.startsWith("arn:") ? given.replaceFirst("^arn:[^:]*:lambda:[^:]*:[^:]*:function:", "") : given;
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    private static void error(Context ctx, int status, String type, String message) {
        error(ctx, status, type, message, Map.of());
    }

    private static void error(Context ctx, int status, String type, String message, Map<String, String> extra) {
        var body = new java.util.LinkedHashMap<String, String>();
        body.put("Type", "User");
        body.put("message", message);
        body.putAll(extra);
        ctx.status(status).header("X-Amzn-ErrorType", type).json(body);
    }
}
