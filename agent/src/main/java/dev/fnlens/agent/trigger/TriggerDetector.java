package dev.fnlens.agent.trigger;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Recognises the event that started an invocation, on the handler's thread, so it must stay
 * cheap: an {@code aws-lambda-java-events} object by its class (a few cached getters), a
 * {@code Map} by its keys, and a stream handler's input by sniffing a bounded prefix of its
 * JSON (only when the stream can be reset, so the handler still reads all of it).
 */
public final class TriggerDetector {
    /** How much of a stream handler's input is looked at. */
    static final int SNIFF_BYTES = 16 * 1024;
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";

    private enum Shape {
        NONE, MAP, STREAM, API_REST, API_HTTP, ALB, SQS, SNS, S3, DYNAMODB, KINESIS, SCHEDULED
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return shapeOf(type);
        }
    };

    private static final ThreadLocal<byte[]> SNIFF_BUFFER = new ThreadLocal<byte[]>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SNIFF_BYTES];
        }
    };

    private TriggerDetector() {
    }

    /** Fills {@code out} from the handler's input; never throws, never consumes a stream. */
    public static void detect(Object input, TriggerFields out) {
        if (input == null) {
            return;
        }
        try {
            switch (SHAPES.get(input.getClass())) {
                case MAP: MapEvents.detect((Map<?, ?>) input, out); break;
                case STREAM: sniff((InputStream) input, out); break;
                case API_REST: apiRest(input, out); break;
                case API_HTTP: apiHttp(input, out); break;
                case ALB: alb(input, out); break;
                case SQS: sqs(input, out); break;
                case SNS: sns(input, out); break;
                case S3: s3(input, out); break;
                case DYNAMODB: records(input, out, Trigger.DYNAMODB); break;
                case KINESIS: records(input, out, Trigger.KINESIS); break;
                case SCHEDULED: scheduled(input, out); break;
                default: break;
            }
        } catch (RuntimeException e) {
            // an odd event is recorded as a direct invoke rather than hurting the function
            out.clear();
        }
    }

    /** Runs {@link #detect} on an empty map event (the usual shape): loads and links what the first one runs. */
    public static void warmUp() {
        TriggerFields fields = new TriggerFields();
        detect(new java.util.LinkedHashMap<String, Object>(), fields);
        response(null, null, fields);
    }

    /** The HTTP status of an HTTP-triggered invocation, from its result or a stream handler's output. */
    public static void response(Object result, Object output, TriggerFields out) {
        if (!out.trigger.isHttp()) {
            return;
        }
        try {
            Object status = null;
            if (result instanceof Map) {
                status = ((Map<?, ?>) result).get("statusCode");
            } else if (result != null && !(result instanceof String)) {
                status = Reflect.get(result, "getStatusCode");
            }
            if (status instanceof Number) {
                out.httpStatus = ((Number) status).intValue();
            } else if (status instanceof String) {
                out.httpStatus = Integer.parseInt((String) status);
            } else if (output instanceof ByteArrayOutputStream) {
                out.httpStatus = PrefixSink.statusCode((ByteArrayOutputStream) output);
            }
        } catch (RuntimeException e) {
            out.httpStatus = -1;
        }
    }

    private static Shape shapeOf(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            return Shape.MAP;
        }
        if (InputStream.class.isAssignableFrom(type)) {
            return Shape.STREAM;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (!name.startsWith(EVENTS)) {
                continue;
            }
            switch (name.substring(EVENTS.length())) {
                case "APIGatewayProxyRequestEvent": return Shape.API_REST;
                case "APIGatewayV2HTTPEvent": return Shape.API_HTTP;
                case "ApplicationLoadBalancerRequestEvent": return Shape.ALB;
                case "SQSEvent": return Shape.SQS;
                case "SNSEvent": return Shape.SNS;
                case "S3Event": return Shape.S3;
                case "DynamodbEvent": return Shape.DYNAMODB;
                case "KinesisEvent": return Shape.KINESIS;
                case "ScheduledEvent": return Shape.SCHEDULED;
                default: break;
            }
        }
        // S3Event extends the models library's S3EventNotification
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().endsWith(".S3EventNotification")) {
                return Shape.S3;
            }
        }
        return Shape.NONE;
    }

    private static void apiRest(Object event, TriggerFields out) {
        out.trigger = Trigger.API_GATEWAY_REST;
        out.httpMethod = Reflect.string(event, "getHttpMethod");
        out.httpRoute = Reflect.string(event, "getResource");
        out.urlPath = Reflect.string(event, "getPath");
        out.traceparent = header(Reflect.get(event, "getHeaders"));
    }

    private static void apiHttp(Object event, TriggerFields out) {
        Object context = Reflect.get(event, "getRequestContext");
        String domain = Reflect.string(context, "getDomainName");
        out.trigger = domain != null && domain.contains(".lambda-url.") ? Trigger.FUNCTION_URL : Trigger.API_GATEWAY_HTTP;
        out.httpMethod = Reflect.string(Reflect.get(context, "getHttp"), "getMethod");
        out.httpRoute = routeOfRouteKey(Reflect.string(event, "getRouteKey"));
        out.urlPath = Reflect.string(event, "getRawPath");
        out.traceparent = header(Reflect.get(event, "getHeaders"));
    }

    private static void alb(Object event, TriggerFields out) {
        out.trigger = Trigger.LOAD_BALANCER;
        out.httpMethod = Reflect.string(event, "getHttpMethod");
        out.urlPath = Reflect.string(event, "getPath");
        out.resource = Reflect.string(Reflect.path(event, "getRequestContext", "getElb"), "getTargetGroupArn");
        Object headers = Reflect.get(event, "getHeaders");
        out.traceparent = header(headers != null ? headers : Reflect.get(event, "getMultiValueHeaders"));
    }

    private static void sqs(Object event, TriggerFields out) {
        out.trigger = Trigger.SQS;
        List<?> records = records(event);
        if (records == null) {
            return;
        }
        out.batchSize = records.size();
        for (int i = 0; i < records.size() && out.linkCount < TriggerFields.MAX_LINKS; i++) {
            Object message = records.get(i);
            if (i == 0) {
                out.resource = Reflect.string(message, "getEventSourceArn");
            }
            String traceparent = Reflect.string(attribute(Reflect.get(message, "getMessageAttributes")),
                    "getStringValue");
            if (traceparent == null) {
                Object system = Reflect.get(message, "getAttributes");
                Object header = system instanceof Map ? ((Map<?, ?>) system).get("AWSTraceHeader") : null;
                out.addLink(header instanceof String ? (String) header : null);
            } else {
                out.addLink(traceparent);
            }
        }
        singleMessageParent(out);
    }

    private static void sns(Object event, TriggerFields out) {
        out.trigger = Trigger.SNS;
        List<?> records = records(event);
        if (records == null) {
            return;
        }
        out.batchSize = records.size();
        for (int i = 0; i < records.size() && out.linkCount < TriggerFields.MAX_LINKS; i++) {
            Object sns = Reflect.get(records.get(i), "getSNS");
            if (i == 0) {
                out.resource = Reflect.string(sns, "getTopicArn");
            }
            out.addLink(Reflect.string(attribute(Reflect.get(sns, "getMessageAttributes")), "getValue"));
        }
        singleMessageParent(out);
    }

    private static void s3(Object event, TriggerFields out) {
        out.trigger = Trigger.S3;
        List<?> records = records(event);
        if (records != null) {
            out.batchSize = records.size();
            if (!records.isEmpty()) {
                out.resource = Reflect.string(Reflect.path(records.get(0), "getS3", "getBucket"), "getName");
            }
        }
    }

    private static void records(Object event, TriggerFields out, Trigger trigger) {
        out.trigger = trigger;
        List<?> records = records(event);
        if (records != null) {
            out.batchSize = records.size();
            if (!records.isEmpty()) {
                out.resource = Reflect.string(records.get(0), "getEventSourceARN");
            }
        }
    }

    private static void scheduled(Object event, TriggerFields out) {
        String detailType = Reflect.string(event, "getDetailType");
        out.trigger = "Scheduled Event".equals(detailType) ? Trigger.SCHEDULE : Trigger.EVENTBRIDGE;
        Object resources = Reflect.get(event, "getResources");
        if (resources instanceof List && !((List<?>) resources).isEmpty()) {
            Object first = ((List<?>) resources).get(0);
            out.resource = first instanceof String ? (String) first : null;
        }
    }

    private static List<?> records(Object event) {
        Object records = Reflect.get(event, "getRecords");
        return records instanceof List ? (List<?>) records : null;
    }

    private static Object attribute(Object attributes) {
        return attributes instanceof Map ? ((Map<?, ?>) attributes).get("traceparent") : null;
    }

    /** One message, one cause: its context is the invocation's parent; a batch only links. */
    static void singleMessageParent(TriggerFields out) {
        if (out.batchSize == 1 && out.linkCount == 1 && out.links[0].startsWith("00-")) {
            out.traceparent = out.links[0];
        }
    }

    /** {@code traceparent} from a header map (API Gateway keeps the caller's case, v2 lower-cases). */
    static String header(Object headers) {
        if (!(headers instanceof Map)) {
            return null;
        }
        Map<?, ?> map = (Map<?, ?>) headers;
        Object value = map.get("traceparent");
        if (value == null) {
            value = map.get("Traceparent");
        }
        if (value == null) {
            value = map.get("TraceParent");
        }
        if (value instanceof List && !((List<?>) value).isEmpty()) {
            value = ((List<?>) value).get(0); // multi-value headers
        }
        return value instanceof String ? (String) value : null;
    }

    /** {@code "GET /orders/{id}"} -> {@code /orders/{id}}; {@code $default} has no route. */
    static String routeOfRouteKey(String routeKey) {
        if (routeKey == null || routeKey.startsWith("$")) {
            return null;
        }
        int space = routeKey.indexOf(' ');
        return space >= 0 ? routeKey.substring(space + 1) : routeKey;
    }

    private static void sniff(InputStream in, TriggerFields out) {
        if (!in.markSupported()) {
            return;
        }
        byte[] buf = SNIFF_BUFFER.get();
        int len = 0;
        boolean whole = false;
        try {
            in.mark(SNIFF_BYTES + 1);
            try {
                int n;
                while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                    len += n;
                }
                whole = len < buf.length || in.read() < 0;
            } finally {
                in.reset();
            }
        } catch (Exception e) {
            return;
        }
        JsonEvents.detect(new JsonSniffer(buf, len), whole, out);
    }

    /** Sees the first bytes of a ByteArrayOutputStream through {@code writeTo}, which hands over its buffer uncopied. */
    private static final class PrefixSink extends OutputStream {
        private int status = -1;

        static int statusCode(ByteArrayOutputStream output) {
            PrefixSink sink = new PrefixSink();
            try {
                output.writeTo(sink);
            } catch (Exception e) {
                return -1;
            }
            return sink.status;
        }

        @Override
        public void write(int b) {
            // writeTo uses the array form
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (status < 0 && off == 0) {
                status = new JsonSniffer(b, Math.min(len, 512)).integer("statusCode");
            }
        }
    }
}
