package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The unprivileged account OpenSearch runs as (it refuses root), created when missing. */
final class SystemUser {
    private SystemUser() {
    }

    static void ensure(String user) throws IOException {
        if (run(List.of("id", "-u", user)) == 0) {
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
