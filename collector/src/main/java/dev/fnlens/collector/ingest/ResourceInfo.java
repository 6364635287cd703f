package dev.fnlens.collector.ingest;

import static dev.fnlens.semconv.FnlensAttributes.FAAS_INSTANCE;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_MAX_MEMORY;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_NAME;
import static dev.fnlens.semconv.FnlensAttributes.FAAS_VERSION;
import static dev.fnlens.semconv.FnlensAttributes.LOG_GROUP;
import static dev.fnlens.semconv.FnlensAttributes.SERVICE_NAME;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * Where a resource's lines go: log group {@code /aws/lambda/<function>} (or
 * {@code fnlens.log_group}), log stream {@code faas.instance}. A sender that names no
 * instance gets a stable Lambda-shaped stream derived from its resource attributes.
 *
 * @param memorySizeMb configured memory from {@code faas.max_memory} (bytes), or null
 */
record ResourceInfo(String function, String version, String logGroup, String logStream, Long memorySizeMb) {
    /** CloudWatch's limit for group and stream names. */
    static final int MAX_NAME = 512;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    static ResourceInfo of(Resource resource, long nowMillis) {
        Attributes attrs = Attributes.of(resource.getAttributesList());
        String function = firstNonNull(attrs.string(FAAS_NAME), attrs.string(SERVICE_NAME), "unknown");
        String version = firstNonNull(attrs.string(FAAS_VERSION), "$LATEST", null);
        String group = firstNonNull(attrs.string(LOG_GROUP), "/aws/lambda/" + function, null);
        String stream = attrs.string(FAAS_INSTANCE);
        if (stream == null) {
            stream = DAY.format(Instant.ofEpochMilli(nowMillis)) + "/[" + version + "]" + fingerprint(resource);
        }
        Double maxMemoryBytes = attrs.number(FAAS_MAX_MEMORY);
        Long memoryMb = maxMemoryBytes == null ? null : Math.round(maxMemoryBytes / (1024 * 1024));
        return new ResourceInfo(function, version, clip(group), clip(stream), memoryMb);
    }

    private static String fingerprint(Resource resource) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            resource.getAttributesList().stream()
                    .sorted(Comparator.comparing(KeyValue::getKey))
                    .forEach(kv -> md5.update((kv.getKey() + "=" + kv.getValue() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    private static String clip(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
