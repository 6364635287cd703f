package dev.fnlens.agent.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code -javaagent:fnlens-agent.jar=key=value,key=value} argument string.
 *
 * <p>Keys are normalised ({@code Function-Name}, {@code function.name} and
 * {@code function_name} are the same key) so the env-var spelling maps one to one.
 * Malformed pairs are skipped: a typo must never stop the function from starting.
 */
public final class AgentArgs {
    private AgentArgs() {
    }

    public static Map<String, String> parse(String args) {
        Map<String, String> result = new LinkedHashMap<>();
        if (args == null) {
            return result;
        }
        for (String pair : args.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = normaliseKey(pair.substring(0, eq));
            String value = pair.substring(eq + 1).trim();
            if (!key.isEmpty()) {
                result.put(key, value);
            }
        }
        return result;
    }

    /** {@code " Function-Name "} -> {@code "function_name"}. */
    public static String normaliseKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The environment variable that sets the same key: {@code function_name} -> {@code FNLENS_FUNCTION_NAME}. */
    public static String envName(String key) {
        return "FNLENS_" + key.toUpperCase(Locale.ROOT);
    }
}
