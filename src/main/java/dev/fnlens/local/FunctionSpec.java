package dev.fnlens.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One function as Lambda knows it: its handler ({@code pkg.Class::method}), its code, and its configuration.
 *
 * @param classpath the deployment package: jars or class directories
 */
public record FunctionSpec(String name, String handler, List<Path> classpath, int memoryMb, int timeoutSeconds,
                           Map<String, String> environment) {

    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;

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
