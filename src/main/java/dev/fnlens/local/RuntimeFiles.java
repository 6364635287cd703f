package dev.fnlens.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every function JVM needs besides its own code, as a Lambda layer and the managed runtime bring it:
 * the fnlens agent and the AWS Lambda runtime interface client with its libraries; and the bundled example
 * functions as a SAM project: {@code template.yaml} beside {@code target/fnlens-examples.jar}.
 *
 * <p>The build embeds them under {@code fnlens-runtime/} in fnlens.jar; when running from a jar they are
 * extracted once into a folder of the data directory.
 */
public record RuntimeFiles(Path agentJar, List<Path> runtimeClasspath, Path examplesTemplate) {
    private static final String ROOT = "fnlens-runtime/";
    private static final String AGENT = "fnlens-agent.jar";
    private static final String EXAMPLES = "target/fnlens-examples.jar";
    private static final String TEMPLATE = "template.yaml";
    private static final List<String> LIBRARIES = List.of(
            "aws-lambda-java-runtime-interface-client.jar",
            "aws-lambda-java-core.jar",
            "aws-lambda-java-serialization.jar",
            "aws-lambda-java-events.jar",
            "joda-time.jar",
            "utils-lite.jar",
            "annotations.jar");

    /** Finds the embedded files, extracting them under {@code cacheDir} when they live inside a jar. */
    public static RuntimeFiles locate(Path cacheDir) {
        URL marker = RuntimeFiles.class.getClassLoader().getResource(ROOT + AGENT);
        if (marker == null) {
            throw new IllegalStateException("fnlens-runtime/ is missing from the classpath: build with 'mvn package'");
        }
        try {
            Path root = marker.getProtocol().equals("file")
                    ? Path.of(marker.toURI()).getParent()
                    : extract(cacheDir.resolve("runtime"));
            return new RuntimeFiles(root.resolve(AGENT),
                    LIBRARIES.stream().map(name -> root.resolve("lib").resolve(name)).toList(),
                    root.resolve(TEMPLATE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path extract(Path target) throws IOException {
        Files.createDirectories(target.resolve("lib"));
        Files.createDirectories(target.resolve("target"));
        for (String name : Stream.concat(Stream.of(AGENT, EXAMPLES, TEMPLATE), LIBRARIES.stream().map(l -> "lib/" + l)).toList()) {
            try (InputStream in = RuntimeFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("embedded runtime file missing: " + name);
                }
                // copy to a temp file then move, so a concurrent start never sees half a jar
                Path tmp = Files.createTempFile(target, "part", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }
}
