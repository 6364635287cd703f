package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The nightly cleanup job: on its schedule, deletes the files in the scratch folder ({@code CLEANUP_DIR},
 * default {@code /tmp/fnlens-cleanup}) older than {@code MAX_AGE_MINUTES} (default 60) and reports the count.
 */
public class NightlyCleanup implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Path dir = Path.of(env("CLEANUP_DIR", "/tmp/fnlens-cleanup"));
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(Long.parseLong(env("MAX_AGE_MINUTES", "60"))));
        int deleted = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    if (Files.getLastModifiedTime(file).compareTo(FileTime.from(cutoff)) < 0 && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cleanup of " + dir + " failed", e);
            }
        }
        System.out.println("cleanup run at " + event.getTime() + " deleted " + deleted + " files from " + dir);
        return Map.of("deleted", deleted, "rule", event.getResources() == null ? "" : String.join(",", event.getResources()));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
