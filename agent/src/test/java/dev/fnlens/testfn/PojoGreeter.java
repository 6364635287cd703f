package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;

/** A plain handler: no Lambda interface, named by {@code _HANDLER} ({@code dev.fnlens.testfn.PojoGreeter::greet}). */
public class PojoGreeter {
    public String greet(String name, Context context) {
        return "Hi, " + name;
    }
}
