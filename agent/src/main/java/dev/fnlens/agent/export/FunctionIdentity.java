package dev.fnlens.agent.export;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.RequestIds;
import dev.fnlens.semconv.FnlensAttributes;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is running: the function and its execution environment, as Lambda names them.
 * Resolved once per JVM, when the first invocation is exported.
 *
 * @param logStream the environment's log stream, also its {@code faas.instance}
 */
public record FunctionIdentity(
        String functionName,
        String version,
        long memorySizeMb,
        String logGroup,
        String logStream,
        String region) {

    private static final long BYTES_PER_MB = 1024L * 1024L;

    public static FunctionIdentity resolve(AgentConfig config, String handlerClass, LocalDate today) {
        String name = functionName(config, handlerClass);
        String logGroup = config.logGroup() != null ? config.logGroup() : "/aws/lambda/" + name;
        String logStream = config.logStream() != null
                ? config.logStream() : newLogStreamName(today, config.functionVersion());
        return new FunctionIdentity(name, config.functionVersion(), config.memorySizeMb(), logGroup, logStream,
                config.region());
    }

    /** The configured name, else the handler's simple class name ({@code pkg.Outer$Greeter} -> {@code Greeter}). */
    public static String functionName(AgentConfig config, String handlerClass) {
        if (config.functionName() != null) {
            return config.functionName();
        }
        if (handlerClass == null || handlerClass.isEmpty()) {
            return "unknown_function";
        }
        int start = Math.max(handlerClass.lastIndexOf('.'), handlerClass.lastIndexOf('$')) + 1;
        return start < handlerClass.length() ? handlerClass.substring(start) : handlerClass;
    }

    /** Lambda's stream name shape, one per execution environment: {@code 2024/05/01/[$LATEST]<32 hex>}. */
    public static String newLogStreamName(LocalDate date, String version) {
        return pad(date.getYear(), 4) + '/' + pad(date.getMonthValue(), 2) + '/' + pad(date.getDayOfMonth(), 2)
                + "/[" + version + ']' + RequestIds.randomHex(32);
    }

    /** The OTLP resource: who sends, as OpenTelemetry's FaaS conventions name it. */
    public Map<String, Object> resourceAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(FnlensAttributes.SERVICE_NAME, functionName);
        attributes.put(FnlensAttributes.FAAS_NAME, functionName);
        attributes.put(FnlensAttributes.FAAS_VERSION, version);
        attributes.put(FnlensAttributes.FAAS_INSTANCE, logStream);
        attributes.put(FnlensAttributes.FAAS_MAX_MEMORY, memorySizeMb * BYTES_PER_MB);
        attributes.put(FnlensAttributes.CLOUD_PROVIDER, "aws");
        attributes.put(FnlensAttributes.CLOUD_PLATFORM, "aws_lambda");
        attributes.put(FnlensAttributes.LOG_GROUP, logGroup);
        if (region != null) {
            attributes.put(FnlensAttributes.CLOUD_REGION, region);
        }
        // OpenTelemetry's telemetry.sdk.* say which SDK wrote the data: here, the fnlens agent itself
        attributes.put("telemetry.sdk.language", "java");
        attributes.put("telemetry.sdk.name", "fnlens");
        String agentVersion = FunctionIdentity.class.getPackage().getImplementationVersion();
        if (agentVersion != null) {
            attributes.put("telemetry.sdk.version", agentVersion);
        }
        return attributes;
    }

    private static String pad(int value, int width) {
        StringBuilder s = new StringBuilder(Integer.toString(value));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }
}
