package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler that calls another handler: one invocation, not two. */
public class DelegatingHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
        return new GreetingHandler().handleRequest(input, context);
    }
}
