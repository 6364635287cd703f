package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;

/** Overrides the base handler's handleRequest and calls super: still one invocation. */
public class SubclassHandler extends BaseHandler {
    @Override
    public String handleRequest(String input, Context context) {
        return "sub:" + super.handleRequest(input, context);
    }

    @Override
    protected String handle(String input) {
        return input;
    }
}
