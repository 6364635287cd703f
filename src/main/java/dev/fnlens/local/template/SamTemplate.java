package dev.fnlens.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.JavaRuntimes;
import dev.fnlens.local.schedule.ScheduleExpression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The functions and queues of an AWS SAM template ({@code template.yaml}), as far as running them locally
 * needs. CloudFormation's short tags ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code !Sub ...}) read as their
 * plain argument, which is enough to name the resource they point at.
 */
public record SamTemplate(List<FunctionDefinition> functions, Map<String, QueueDefinition> queues) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static SamTemplate parse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new TemplateException(file.toString(), "no such template file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new TemplateException(file.toString(), "is not valid YAML: " + e.getOriginalMessage());
        }
        return parse(root, file.toAbsolutePath().getParent());
    }

    static SamTemplate parse(JsonNode root, Path baseDir) {
        Node resources = new Node("Resources", root == null ? null : root.path("Resources"));
        if (root == null || !resources.present()) {
            throw new TemplateException("Resources", "the template defines no resources");
        }
        Node globals = new Node("Globals.Function", root.path("Globals").path("Function"));

        Map<String, QueueDefinition> queues = new LinkedHashMap<>();
        resources.entries().forEach((id, resource) -> {
            if ("AWS::SQS::Queue".equals(resource.get("Type").text().orElse(""))) {
                QueueDefinition queue = queue(id, resource.get("Properties"));
                queues.put(queue.name(), queue);
            }
        });
        List<FunctionDefinition> functions = new ArrayList<>();
        resources.entries().forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(resource.get("Type").text().orElse(""))) {
                functions.add(function(id, resource.get("Properties"), globals, baseDir, queues));
            }
        });
        if (functions.isEmpty()) {
            throw new TemplateException("Resources", "no AWS::Serverless::Function to run");
        }
        return new SamTemplate(List.copyOf(functions), Map.copyOf(queues));
    }

    private static FunctionDefinition function(String id, Node props, Node globals, Path baseDir,
                                               Map<String, QueueDefinition> queues) {
        String name = props.get("FunctionName").text().orElse(id);
        String handler = orGlobal(props, globals, "Handler").requiredText();
        String runtime = orGlobal(props, globals, "Runtime").text().orElse(FunctionSpec.DEFAULT_RUNTIME);
        if (!JavaRuntimes.isSupported(runtime)) {
            throw new TemplateException(orGlobal(props, globals, "Runtime").where(),
                    "runtime " + runtime + " is not supported by fnlens local; use one of " + JavaRuntimes.SUPPORTED);
        }
        int memory = orGlobal(props, globals, "MemorySize").integer(128, 10_240).orElse(FunctionSpec.DEFAULT_MEMORY_MB);
        int timeout = orGlobal(props, globals, "Timeout").integer(1, 900).orElse(FunctionSpec.DEFAULT_TIMEOUT_SECONDS);
        int reserved = props.get("ReservedConcurrentExecutions").integer(0, 1000).orElse(0);
        Map<String, String> environment = new HashMap<>(globals.get("Environment").get("Variables").stringMap());
        environment.putAll(props.get("Environment").get("Variables").stringMap());
        Node codeUri = orGlobal(props, globals, "CodeUri");
        List<Path> classpath = classpath(codeUri, baseDir.resolve(codeUri.requiredText()).normalize());

        List<FunctionEvent> events = new ArrayList<>();
        props.get("Events").entries().forEach((eventId, event) -> events.add(event(eventId, event, queues)));
        FunctionSpec spec = new FunctionSpec(name, handler, classpath, runtime, memory, timeout, environment);
        return new FunctionDefinition(id, spec, reserved, events);
    }

    private static FunctionEvent event(String eventId, Node event, Map<String, QueueDefinition> queues) {
        String type = event.get("Type").requiredText();
        Node props = event.get("Properties");
        return switch (type) {
            case "Api", "HttpApi" -> {
                String path = type.equals("Api") ? props.get("Path").requiredText() : props.get("Path").text().orElse("/{proxy+}");
                String method = props.get("Method").text().orElse(type.equals("Api") ? null : "any");
                if (method == null) {
                    throw new TemplateException(props.get("Method").where(), "is required");
                }
                yield new FunctionEvent.HttpRoute(type, path, method.toUpperCase(Locale.ROOT));
            }
            case "Schedule", "ScheduleV2" -> {
                Node expression = props.get(type.equals("Schedule") ? "Schedule" : "ScheduleExpression");
                try {
                    ScheduleExpression.parse(expression.requiredText());
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(expression.where(), e.getMessage());
                }
                yield new FunctionEvent.Schedule(eventId, expression.requiredText());
            }
            case "SQS" -> {
                Node queue = props.get("Queue");
                yield new FunctionEvent.Sqs(queueName(queue, queues), props.get("BatchSize").integer(1, 10_000).orElse(10));
            }
            default -> throw new TemplateException(event.get("Type").where(),
                    "event type " + type + " is not supported locally; use Api, HttpApi, Schedule or SQS");
        };
    }

    /** {@code !GetAtt Orders.Arn}, {@code !Ref Orders}, or an ARN ending in the queue name. */
    private static String queueName(Node queue, Map<String, QueueDefinition> queues) {
        String ref = queue.requiredText();
        String candidate = ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf(':') + 1) : ref.replaceFirst("\\.Arn$", "");
        return queues.values().stream()
                .filter(q -> q.logicalId().equals(candidate) || q.name().equals(candidate))
                .map(QueueDefinition::name)
                .findFirst()
                .orElse(candidate);
    }

    private static QueueDefinition queue(String id, Node props) {
        Node redrive = props.get("RedrivePolicy");
        return new QueueDefinition(id, props.get("QueueName").text().orElse(id),
                props.get("VisibilityTimeout").integer(0, 43_200).orElse(QueueDefinition.DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
                redrive.get("maxReceiveCount").integer(1, 1000).orElse(QueueDefinition.DEFAULT_MAX_RECEIVE_COUNT));
    }

    private static Node orGlobal(Node props, Node globals, String property) {
        Node own = props.get(property);
        return own.present() ? own : globals.get(property).present() ? globals.get(property) : own;
    }

    /** A jar, or a folder laid out like an unpacked deployment package: classes at the root, jars in lib/. */
    private static List<Path> classpath(Node codeUri, Path code) {
        String file = code.getFileName().toString();
        if (Files.isRegularFile(code) && (file.endsWith(".jar") || file.endsWith(".zip"))) {
            return List.of(code);
        }
        if (!Files.isDirectory(code)) {
            throw new TemplateException(codeUri.where(), code + " is neither a jar nor a directory");
        }
        List<Path> classpath = new ArrayList<>(List.of(code));
        Path lib = code.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
            } catch (IOException e) {
                throw new TemplateException(codeUri.where(), "cannot list " + lib + ": " + e.getMessage());
            }
        }
        return classpath;
    }
}
