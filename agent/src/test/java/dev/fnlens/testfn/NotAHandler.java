package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;

/** Has a handleRequest with the right shape but implements no handler interface. */
public class NotAHandler {
    public String handleRequest(String input, Context context) {
        return input;
    }
}
