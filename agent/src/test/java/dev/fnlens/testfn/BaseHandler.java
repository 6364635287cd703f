package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A framework-style base class: subclasses are handlers without naming the interface. */
public abstract class BaseHandler implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
        return handle(input);
    }

    protected abstract String handle(String input);
}
