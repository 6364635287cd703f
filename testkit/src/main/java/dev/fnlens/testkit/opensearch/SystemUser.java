package dev.fnlens.testkit.opensearch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * The unprivileged account OpenSearch runs as when this JVM is root (OpenSearch refuses root),
 * created when missing. A JVM that is not root starts OpenSearch as itself.
 */
final class SystemUser {
    private static volatile Boolean root;

    private SystemUser() {
    }

    static boolean isRoot() throws IOException {
        Boolean r = root;
        if (r == null) {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).strip();
            root = r = "0".equals(uid);
        }
        return r;
    }

    static boolean exists(String user) throws IOException {
        return run(List.of("id", "-u", user)) == 0;
    }

    static void ensure(String user) throws IOException {
        if (exists(user)) {
            return;
        }
        int rc = run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--shell", "/usr/sbin/nologin", user));
        if (rc != 0) {
            throw new IOException("useradd " + user + " failed (" + rc + "); run as root or create the user");
        }
    }

    static void chown(String user, Path... dirs) throws IOException {
        List<String> command = new ArrayList<>(List.of("chown", "-R", user + ":" + user));
        for (Path dir : dirs) {
            command.add(dir.toString());
        }
        if (run(command) != 0) {
            throw new IOException("could not hand " + List.of(dirs) + " to " + user);
        }
    }

    /**
     * Fails when another user could not reach {@code dir}: a parent not searchable by others
     * (a JUnit {@code @TempDir} is 0700) would stop OpenSearch with a less clear error.
     */
    static void checkReachable(Path dir, String user) throws IOException {
        Path closed = unreachableParent(dir, user);
        if (closed != null) {
            throw new IOException(user + " (OpenSearch runs as that user) cannot reach " + dir + ": " + closed
                    + " is not searchable by others; use a directory such as target/ (not a JUnit @TempDir)");
        }
    }

    /** The first parent of {@code dir} that {@code user} cannot pass through, or null when there is none. */
    static Path unreachableParent(Path dir, String user) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            if (!a.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !a.owner().getName().equals(user)) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code command} is an executable on the PATH. */
    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static int run(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
