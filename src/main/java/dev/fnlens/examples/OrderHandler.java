package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * Accepts an order {@code {"orderId": "o-1", "quantity": 2, "unitPrice": 9.5}} and returns its total.
 * Invalid orders fail the invocation, as a real validation step would.
 */
public class OrderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
        String orderId = String.valueOf(order.get("orderId"));
        int quantity = number(order, "quantity").intValue();
        double unitPrice = number(order, "unitPrice").doubleValue();
        if (quantity <= 0) {
            throw new IllegalArgumentException("Order " + orderId + " has no items (quantity " + quantity + ")");
        }
        double total = Math.round(quantity * unitPrice * 100) / 100.0;
        if (context != null) {
            context.getLogger().log("Order " + orderId + " accepted, total " + total + "\n");
        }
        return Map.of("orderId", orderId, "total", total, "status", "ACCEPTED");
    }

    private static Number number(Map<String, Object> order, String field) {
        Object value = order.get(field);
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("Order field '" + field + "' must be a number, was " + value);
    }
}
