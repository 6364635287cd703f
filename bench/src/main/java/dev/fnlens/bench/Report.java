package dev.fnlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Markdown results: printed, and appended to a file under the work directory. */
public final class Report {
    private Report() {
    }

    public static void write(Path file, String markdown) throws IOException {
        System.out.println();
        System.out.println(markdown);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "\n## " + Instant.now() + "\n\n" + markdown,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("(appended to " + file + ")");
    }

    public static String header(List<String> systems) {
        StringBuilder md = new StringBuilder("| |");
        systems.forEach(s -> md.append(" ").append(s).append(" |"));
        md.append("\n|---|");
        systems.forEach(s -> md.append("---:|"));
        return md.append("\n").toString();
    }

    /** The machine in one line: cores, memory, JDK. */
    public static String machine() {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return String.format("Machine: %d cores, %.0f GB RAM, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                memKb / 1024.0 / 1024.0, System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }
}
