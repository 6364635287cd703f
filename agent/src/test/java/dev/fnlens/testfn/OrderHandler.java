package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A JSON-in, JSON-out handler as the AWS runtime client runs it; rejects orders without items. */
public class OrderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
        Object items = order.get("items");
        if (!(items instanceof Number) || ((Number) items).intValue() <= 0) {
            throw new IllegalArgumentException("order " + order.get("id") + " has no items");
        }
        return Map.of("id", order.get("id"), "accepted", true, "requestId", context.getAwsRequestId());
    }
}
