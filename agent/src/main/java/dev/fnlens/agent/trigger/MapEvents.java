package dev.fnlens.agent.trigger;

import java.util.List;
import java.util.Map;

/** Lambda events deserialised into a {@code Map} (a {@code RequestHandler<Map<String, Object>, ?>}), by their keys. */
final class MapEvents {
    private MapEvents() {
    }

    static void detect(Map<?, ?> event, TriggerFields out) {
        Object records = event.get("Records");
        if (records instanceof List) {
            records((List<?>) records, out);
        } else if (event.get("requestContext") instanceof Map) {
            http(event, (Map<?, ?>) event.get("requestContext"), out);
        } else if (event.containsKey("detail-type") && event.containsKey("source")) {
            out.trigger = "Scheduled Event".equals(event.get("detail-type")) ? Trigger.SCHEDULE : Trigger.EVENTBRIDGE;
            Object resources = event.get("resources");
            if (resources instanceof List && !((List<?>) resources).isEmpty()) {
                out.resource = string(((List<?>) resources).get(0));
            }
        } else {
            out.traceparent = string(event.get("traceparent"));
        }
    }

    private static void records(List<?> records, TriggerFields out) {
        if (records.isEmpty() || !(records.get(0) instanceof Map)) {
            return;
        }
        Map<?, ?> first = (Map<?, ?>) records.get(0);
        Object source = first.containsKey("eventSource") ? first.get("eventSource") : first.get("EventSource");
        Trigger trigger = Trigger.ofEventSource(string(source));
        if (trigger == null) {
            return;
        }
        out.trigger = trigger;
        out.batchSize = records.size();
        if (trigger == Trigger.S3) {
            out.resource = string(get(first, "s3", "bucket", "name"));
        } else if (trigger == Trigger.SNS) {
            out.resource = string(get(first, "Sns", "TopicArn"));
        } else {
            out.resource = string(first.get("eventSourceARN"));
        }
        for (int i = 0; i < records.size() && out.linkCount < TriggerFields.MAX_LINKS; i++) {
            if (!(records.get(i) instanceof Map)) {
                continue;
            }
            Map<?, ?> record = (Map<?, ?>) records.get(i);
            if (trigger == Trigger.SQS) {
                String traceparent = string(get(record, "messageAttributes", "traceparent", "stringValue"));
                out.addLink(traceparent != null ? traceparent : string(get(record, "attributes", "AWSTraceHeader")));
            } else if (trigger == Trigger.SNS) {
                out.addLink(string(get(record, "Sns", "MessageAttributes", "traceparent", "Value")));
            }
        }
        TriggerDetector.singleMessageParent(out);
    }

    private static void http(Map<?, ?> event, Map<?, ?> context, TriggerFields out) {
        if (context.containsKey("elb")) {
            out.trigger = Trigger.LOAD_BALANCER;
            out.resource = string(get(context, "elb", "targetGroupArn"));
            out.httpMethod = string(event.get("httpMethod"));
            out.urlPath = string(event.get("path"));
        } else if (context.get("http") instanceof Map) {
            String domain = string(context.get("domainName"));
            out.trigger = domain != null && domain.contains(".lambda-url.") ? Trigger.FUNCTION_URL
                    : Trigger.API_GATEWAY_HTTP;
            out.httpMethod = string(get(context, "http", "method"));
            out.httpRoute = TriggerDetector.routeOfRouteKey(string(event.get("routeKey")));
            out.urlPath = string(event.get("rawPath"));
        } else {
            out.trigger = Trigger.API_GATEWAY_REST;
            out.httpMethod = string(event.get("httpMethod"));
            out.httpRoute = string(event.get("resource"));
            out.urlPath = string(event.get("path"));
        }
        Object headers = event.get("headers");
        out.traceparent = TriggerDetector.header(headers != null ? headers : event.get("multiValueHeaders"));
    }

    private static Object get(Map<?, ?> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : null;
    }
}
