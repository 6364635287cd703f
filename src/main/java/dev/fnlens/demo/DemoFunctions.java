package dev.fnlens.demo;

import dev.fnlens.local.FunctionSpec;

import java.nio.file.Path;
import java.util.List;

/** The bundled example functions, configured as a team would deploy them. */
final class DemoFunctions {
    private DemoFunctions() {
    }

    static List<FunctionSpec> all(Path examplesJar) {
        return List.of(
                FunctionSpec.of("hello", "dev.fnlens.examples.HelloHandler::handleRequest", examplesJar)
                        .withMemoryMb(256),
                FunctionSpec.of("orders", "dev.fnlens.examples.OrderHandler::handleRequest", examplesJar)
                        .withMemoryMb(512).withTimeoutSeconds(5),
                FunctionSpec.of("report", "dev.fnlens.examples.ReportGenerator::handleRequest", examplesJar)
                        .withMemoryMb(1024).withTimeoutSeconds(2));
    }
}
