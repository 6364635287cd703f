package dev.fnlens.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One function as Lambda knows it: its handler ({@code pkg.Class::method}), its code, and its configuration.
 *
 * @param classpath the deployment package: jars or class directories
 * @param runtime   the Lambda runtime identifier, e.g. {@code java17} (see {@link JavaRuntimes})
 */
public record FunctionSpec(String name, String handler, List<Path> classpath, String runtime, int memoryMb,
                           int timeoutSeconds, Map<String, String> environment) {

    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    public static final String DEFAULT_RUNTIME = "java17";

    /** A function with Lambda's defaults for everything but its code. */
    public static FunctionSpec of(String name, String handler, Path code) {
        return new FunctionSpec(name, handler, List.of(code), DEFAULT_RUNTIME, DEFAULT_MEMORY_MB,
                DEFAULT_TIMEOUT_SECONDS, Map.of());
    }

    public FunctionSpec withMemoryMb(int memoryMb) {
        return new FunctionSpec(name, handler, classpath, runtime, memoryMb, timeoutSeconds, environment);
    }

    public FunctionSpec withTimeoutSeconds(int timeoutSeconds) {
        return new FunctionSpec(name, handler, classpath, runtime, memoryMb, timeoutSeconds, environment);
    }

    public FunctionSpec withRuntime(String runtime) {
        return new FunctionSpec(name, handler, classpath, runtime, memoryMb, timeoutSeconds, environment);
    }

    public FunctionSpec withEnvironment(Map<String, String> environment) {
        return new FunctionSpec(name, handler, classpath, runtime, memoryMb, timeoutSeconds, environment);
    }

    public FunctionSpec {
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
    }

    public String logGroup() {
        return "/aws/lambda/" + name;
    }

    public String arn(String region) {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + name;
    }
}
