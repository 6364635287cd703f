package dev.fnlens.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The AWS runtime interface client copies its JNI library to one fixed path, {@code /tmp/.libaws-lambda-jni.so},
 * at every start: two function JVMs starting together (two environments of one function, or two local
 * runtimes on one machine) can then load a file the other is rewriting, and die of SIGBUS in the dynamic
 * loader. So each function JVM is pointed at a stable copy instead, through the client's own property,
 * extracted once per fnlens process.
 */
final class RuntimeClientJni {
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static Path extracted;

    private RuntimeClientJni() {
    }

    /**
     * The client's library for this machine, extracted once; null where fnlens cannot tell which of its
     * libraries the client would pick (not glibc Linux on x86_64 or aarch64): it then copies its own, as before.
     */
    static synchronized Path library(List<Path> runtimeClasspath) {
        if (extracted != null) {
            return extracted;
        }
        String name = libraryName();
        Path clientJar = runtimeClasspath.stream()
                .filter(p -> p.getFileName().toString().contains("runtime-interface-client")).findFirst().orElse(null);
        if (name == null || clientJar == null) {
            return null;
        }
        try (ZipFile jar = new ZipFile(clientJar.toFile())) {
            ZipEntry entry = jar.getEntry("jni/" + name);
            if (entry == null) {
                return null;
            }
            Path dir = Files.createTempDirectory("fnlens-runtime-jni");
            dir.toFile().deleteOnExit(); // registered first, deleted last: after the library in it
            Path library = dir.resolve(name);
            library.toFile().deleteOnExit();
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library);
            }
            extracted = library;
            return library;
        } catch (IOException e) {
            return null;
        }
    }

    private static String libraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
                || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"))) {
            return null;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return "libaws-lambda-jni.linux-x86_64.so";
        }
        return arch.equals("aarch64") ? "libaws-lambda-jni.linux-aarch_64.so" : null;
    }
}
