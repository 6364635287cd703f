package dev.fnlens.local.template;

import dev.fnlens.local.FunctionSpec;

import java.util.List;

/**
 * A function of the template: how to run it, how far it may scale, and what invokes it.
 *
 * @param reservedConcurrency most environments at once; 0 when unreserved
 */
public record FunctionDefinition(String logicalId, FunctionSpec spec, int reservedConcurrency,
                                 List<FunctionEvent> events) {
    public FunctionDefinition {
        events = List.copyOf(events);
    }

    public String name() {
        return spec.name();
    }
}
