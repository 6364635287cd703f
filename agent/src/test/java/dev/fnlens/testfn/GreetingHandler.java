package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Generic handler: javac adds a bridge handleRequest(Object, Context) that the agent must not count twice. */
public class GreetingHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String name, Context context) {
        return "Hello, " + name;
    }
}
