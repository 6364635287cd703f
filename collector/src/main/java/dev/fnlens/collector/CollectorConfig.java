package dev.fnlens.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fnlens.collector.alert.AlertsConfig;
import dev.fnlens.collector.storage.StorageConfig;
import dev.fnlens.collector.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a collector runs. Command line:
 * {@code [--data DIR] [--bind ADDR] [--otlp-port N] [--http-port N] [--max-body-bytes N] [--config FILE]},
 * the {@link Limits} ({@code --max-attributes N}, ...) and {@link TlsConfig} ({@code --tls-cert FILE --tls-key FILE});
 * the YAML config file takes the same keys without dashes ({@code data: /var/lib/fnlens}).
 * Flags win over the file, whatever their order.
 *
 * @param dataDir      write-ahead log and index live here
 * @param bind         address both ports listen on
 * @param otlpPort     OTLP/HTTP ingest port; 0 picks a free one
 * @param httpPort     UI, API and metrics port; 0 picks a free one
 * @param maxBodyBytes largest ingest request body, compressed or not
 * @param retentionDays day partitions older than this many days are dropped; 0 keeps everything
 * @param queryTimeoutSeconds an Insights query stops (status Timeout) after this long
 * @param alerts       alert rules and destinations (config file section {@code alerts}, see {@link AlertsConfig})
 * @param limits       what a request, an event and a query may hold, and the free disk space ingest keeps
 * @param tls          certificate and key for HTTPS on both ports; {@link TlsConfig#NONE} serves plain HTTP
 * @param storage      where events are stored: embedded Lucene (default) or OpenSearch (config file section
 *                     {@code storage}, see {@link StorageConfig})
 */
public record CollectorConfig(Path dataDir, String bind, int otlpPort, int httpPort, long maxBodyBytes,
                              int retentionDays, int queryTimeoutSeconds, AlertsConfig alerts, Limits limits,
                              TlsConfig tls, StorageConfig storage) {
    public static final Path DEFAULT_DATA_DIR = Path.of("fnlens-data");
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_OTLP_PORT = 4318;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

    public static final String USAGE = "usage: collector [--data DIR] [--bind ADDR] [--otlp-port N] [--http-port N]"
            + " [--max-body-bytes N] [--retention-days N] [--query-timeout N]" + Limits.USAGE + TlsConfig.USAGE
            + " [--config FILE]";

    public CollectorConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bind, "bind");
        checkPort("otlp-port", otlpPort);
        checkPort("http-port", httpPort);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max-body-bytes must be positive, got " + maxBodyBytes);
        }
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention-days must be 0 (keep all) or more, got " + retentionDays);
        }
        if (queryTimeoutSeconds < 1) {
            throw new IllegalArgumentException("query-timeout must be at least 1 second, got " + queryTimeoutSeconds);
        }
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(storage, "storage");
    }

    public CollectorConfig(Path dataDir, String bind, int otlpPort, int httpPort, long maxBodyBytes,
                           int retentionDays, int queryTimeoutSeconds) {
        this(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds, AlertsConfig.none());
    }

    public CollectorConfig(Path dataDir, String bind, int otlpPort, int httpPort, long maxBodyBytes,
                           int retentionDays, int queryTimeoutSeconds, AlertsConfig alerts) {
        this(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds, alerts,
                Limits.defaults(), TlsConfig.NONE, StorageConfig.EMBEDDED);
    }

    public static CollectorConfig defaults() {
        return new CollectorConfig(DEFAULT_DATA_DIR, DEFAULT_BIND, DEFAULT_OTLP_PORT, DEFAULT_HTTP_PORT,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_RETENTION_DAYS, DEFAULT_QUERY_TIMEOUT_SECONDS);
    }

    public CollectorConfig withDataDir(Path dataDir) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withBind(String bind) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withOtlpPort(int otlpPort) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withHttpPort(int httpPort) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withMaxBodyBytes(long maxBodyBytes) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withRetentionDays(int retentionDays) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withQueryTimeoutSeconds(int queryTimeoutSeconds) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withAlerts(AlertsConfig alerts) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withLimits(Limits limits) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withTls(TlsConfig tls) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withStorage(StorageConfig storage) {
        return new CollectorConfig(dataDir, bind, otlpPort, httpPort, maxBodyBytes, retentionDays, queryTimeoutSeconds,
                alerts, limits, tls, storage);
    }

    public CollectorConfig withMinFreeDiskBytes(long bytes) {
        return withLimits(limits.withMinFreeDiskBytes(bytes));
    }

    /**
     * Parses the command line; {@code --flag value} and {@code --flag=value} both work.
     *
     * @throws IllegalArgumentException on an unknown flag, a missing or bad value, or an unreadable config file
     */
    public static CollectorConfig fromArgs(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; " + USAGE);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            String inline = eq >= 0 ? name.substring(eq + 1) : null;
            name = eq >= 0 ? name.substring(0, eq) : name;
            if (!name.equals("config")) {
                requireKnown("--" + name, name);
            }
            if (inline == null && i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            flags.put(name, inline != null ? inline : args[++i]);
        }
        CollectorConfig config = defaults();
        String file = flags.remove("config");
        if (file != null) {
            config = fromYaml(config, Path.of(file));
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            config = config.with(flag.getKey(), flag.getValue(), "--" + flag.getKey());
        }
        return config.withTls(config.tls().checked());
    }

    private static CollectorConfig fromYaml(CollectorConfig base, Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return base;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must be a map of settings");
        }
        CollectorConfig config = base;
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String where = "'" + entry.getKey() + "' in " + file;
            if (entry.getKey().equals("alerts")) {
                try {
                    config = config.withAlerts(AlertsConfig.fromJson(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
                continue;
            }
            if (entry.getKey().equals("storage")) {
                try {
                    config = config.withStorage(StorageConfig.fromJson(entry.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
                continue;
            }
            requireKnown(where, entry.getKey());
            config = config.with(entry.getKey(), entry.getValue().asText(), where);
        }
        return config;
    }

    private CollectorConfig with(String key, String value, String where) {
        return switch (key) {
            case "data" -> withDataDir(Path.of(value));
            case "bind" -> withBind(value);
            case "otlp-port" -> withOtlpPort((int) number(value, where, 0, 65535));
            case "http-port" -> withHttpPort((int) number(value, where, 0, 65535));
            case "max-body-bytes" -> withMaxBodyBytes(number(value, where, 1, Long.MAX_VALUE));
            case "retention-days" -> withRetentionDays((int) number(value, where, 0, 100_000));
            case "query-timeout" -> withQueryTimeoutSeconds((int) number(value, where, 1, 86_400));
            default -> {
                if (TlsConfig.KEYS.contains(key)) {
                    yield withTls(tls.with(key, value));
                }
                if (!Limits.KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown setting " + where);
                }
                yield withLimits(limits.with(key, number(value, where, Limits.min(key), Limits.max(key))));
            }
        };
    }

    private static void requireKnown(String where, String key) {
        switch (key) {
            case "data", "bind", "otlp-port", "http-port", "max-body-bytes", "retention-days", "query-timeout" -> {
            }
            default -> {
                if (!Limits.KEYS.contains(key) && !TlsConfig.KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown option " + where + "; " + USAGE);
                }
            }
        }
    }

    private static long number(String value, String where, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " expects a number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0-65535, got " + port);
        }
    }
}
