package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The built agent jar carries nothing that could clash with a function's own
 * libraries: every third-party class is relocated under {@code dev.fnlens.agent.shaded}.
 */
class AgentJarContentIT {
    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("META-INF/"),
            Pattern.compile("META-INF/MANIFEST\\.MF"),
            Pattern.compile("META-INF/(LICENSE|NOTICE)(\\.txt|\\.md)?"),
            Pattern.compile("META-INF/licenses/(\\w+)?"),
            Pattern.compile("dev/"),
            Pattern.compile("dev/fnlens/"),
            Pattern.compile("dev/fnlens/semconv/.*"),
            Pattern.compile("dev/fnlens/agent/.*"));

    @Test
    void everyEntryIsOnTheAllowlist() throws IOException {
        List<String> unexpected = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (ALLOWED.stream().noneMatch(p -> p.matcher(entry.getName()).matches())) {
                    unexpected.add(entry.getName());
                }
            }
        }
        assertThat(unexpected).as("entries outside the allowlist").isEmpty();
    }

    @Test
    void bundlesNoOpenTelemetryLibrary_andStaysSmall() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            assertThat(Collections.list(jar.entries())).extracting(ZipEntry::getName)
                    .as("the agent writes OTLP itself").noneMatch(name -> name.contains("opentelemetry"));
        }
        assertThat(java.nio.file.Files.size(ChildJvm.AGENT_JAR)).as("agent jar bytes").isLessThan(512 * 1024);
    }

    @Test
    void manifestDeclaresThePremain_andPutsTheJarItselfOnTheBootClassPath() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("dev.fnlens.agent.AgentPremain");
            // for classes that load while the transformer is paused during the runtime's set-up, and only those
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
            // relative to the jar's own directory: the jar itself, as long as it keeps its name
            assertThat(manifest.getValue("Boot-Class-Path")).isEqualTo(ChildJvm.AGENT_JAR.getFileName().toString());
        }
    }
}
