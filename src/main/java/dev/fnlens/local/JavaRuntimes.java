package dev.fnlens.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Maps a Lambda runtime identifier ({@code java17}, {@code java21}, {@code java25}) to a {@code java}
 * executable on this machine: the running JVM when its version matches, else a JDK of that version, else the
 * nearest newer one (a newer JVM runs the same code, as Lambda's own upgrades do).
 */
public final class JavaRuntimes {
    public static final List<String> SUPPORTED = List.of("java17", "java21", "java25");
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private JavaRuntimes() {
    }

    public static boolean isSupported(String runtime) {
        return SUPPORTED.contains(runtime);
    }

    public static String javaCommand(String runtime) {
        if (!isSupported(runtime)) {
            throw new IllegalArgumentException("runtime " + runtime + " is not supported; use one of " + SUPPORTED);
        }
        int wanted = Integer.parseInt(runtime.substring("java".length()));
        if (Runtime.version().feature() == wanted) {
            return current();
        }
        return installed(wanted).orElseGet(JavaRuntimes::current);
    }

    private static String current() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The installed JDK of the wanted version or, failing that, of the lowest newer version. */
    private static Optional<String> installed(int wanted) {
        if (!Files.isDirectory(JVM_DIR)) {
            return Optional.empty();
        }
        try (Stream<Path> jdks = Files.list(JVM_DIR)) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && !Files.isSymbolicLink(jdk))
                    .filter(jdk -> featureOf(jdk) >= wanted)
                    .min(Comparator.comparingInt(JavaRuntimes::featureOf))
                    .map(jdk -> jdk.resolve("bin/java").toString());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version a JDK folder declares in its {@code release} file; 0 when unknown. */
    private static int featureOf(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not a JDK we can read: skip it
        }
        return 0;
    }
}
