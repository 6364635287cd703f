package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Catches its own exception: the agent's catch-all must not take precedence over the handler's. */
public class RecoveringHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
        try {
            if (!input.isEmpty()) {
                throw new IllegalArgumentException(input);
            }
            return "empty";
        } catch (IllegalArgumentException e) {
            return "recovered " + e.getMessage();
        }
    }
}
