package dev.fnlens.agent.trigger;

/** Lambda events as a stream handler receives them: recognised from a bounded prefix of their JSON. */
final class JsonEvents {
    private JsonEvents() {
    }

    /**
     * @param whole whether the prefix is the whole document: only then is a batch counted
     */
    static void detect(JsonSniffer json, boolean whole, TriggerFields out) {
        if (json.contains("\"Records\"")) {
            records(json, whole, out);
        } else if (json.contains("\"requestContext\"")) {
            http(json, out);
        } else if (json.contains("\"detail-type\"")) {
            out.trigger = "Scheduled Event".equals(json.string("detail-type")) ? Trigger.SCHEDULE : Trigger.EVENTBRIDGE;
            out.resource = json.firstArrayString("resources");
        } else {
            out.traceparent = json.string("traceparent");
        }
    }

    private static void records(JsonSniffer json, boolean whole, TriggerFields out) {
        String source = json.string("eventSource");
        Trigger trigger = Trigger.ofEventSource(source != null ? source : json.string("EventSource"));
        if (trigger == null) {
            return;
        }
        out.trigger = trigger;
        String recordKey;
        if (trigger == Trigger.S3) {
            int bucket = json.keyValueStart("bucket", 0);
            out.resource = bucket < 0 ? null : json.string("name", bucket);
            recordKey = "s3";
        } else if (trigger == Trigger.SNS) {
            out.resource = json.string("TopicArn");
            recordKey = "Sns";
        } else {
            out.resource = json.string("eventSourceARN");
            recordKey = "eventSource";
        }
        if (whole) {
            out.batchSize = json.countKeys(recordKey);
        }
        if (trigger == Trigger.SQS || trigger == Trigger.SNS) {
            String valueKey = trigger == Trigger.SQS ? "stringValue" : "Value";
            int at = json.keyValueStart("traceparent", 0);
            while (at >= 0 && out.linkCount < TriggerFields.MAX_LINKS) {
                out.addLink(json.string(valueKey, at));
                at = json.keyValueStart("traceparent", at);
            }
            if (out.linkCount == 0 && trigger == Trigger.SQS) {
                at = json.keyValueStart("AWSTraceHeader", 0);
                while (at >= 0 && out.linkCount < TriggerFields.MAX_LINKS) {
                    out.addLink(json.stringAt(at));
                    at = json.keyValueStart("AWSTraceHeader", at);
                }
            }
            TriggerDetector.singleMessageParent(out);
        }
    }

    private static void http(JsonSniffer json, TriggerFields out) {
        if (json.contains("\"elb\"")) {
            out.trigger = Trigger.LOAD_BALANCER;
            out.resource = json.string("targetGroupArn");
            out.httpMethod = json.string("httpMethod");
            out.urlPath = json.string("path");
        } else if (json.contains("\"routeKey\"")) {
            String domain = json.string("domainName");
            out.trigger = domain != null && domain.contains(".lambda-url.") ? Trigger.FUNCTION_URL
                    : Trigger.API_GATEWAY_HTTP;
            out.httpMethod = json.string("method");
            out.httpRoute = TriggerDetector.routeOfRouteKey(json.string("routeKey"));
            out.urlPath = json.string("rawPath");
        } else {
            out.trigger = Trigger.API_GATEWAY_REST;
            out.httpMethod = json.string("httpMethod");
            out.httpRoute = json.string("resource");
            out.urlPath = json.string("path");
        }
        out.traceparent = json.string("traceparent");
        if (out.traceparent == null) {
            out.traceparent = json.string("Traceparent");
        }
    }
}
