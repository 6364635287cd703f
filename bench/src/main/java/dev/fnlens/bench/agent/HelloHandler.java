package dev.fnlens.bench.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The function the agent benchmarks run: a greeting, nothing else. */
public class HelloHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "Hello, " + event.get("name") + "!";
    }
}
