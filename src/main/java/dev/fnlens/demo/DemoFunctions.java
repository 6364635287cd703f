package dev.fnlens.demo;

import dev.fnlens.local.FunctionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The bundled example functions, configured as a team would deploy them. */
final class DemoFunctions {
    private DemoFunctions() {
    }

    static List<FunctionSpec> all(Path examplesJar) {
        List<Path> code = List.of(examplesJar);
        return List.of(
                new FunctionSpec("hello", "dev.fnlens.examples.HelloHandler::handleRequest", code, 256, 3, Map.of()),
                new FunctionSpec("orders", "dev.fnlens.examples.OrderHandler::handleRequest", code, 512, 5, Map.of()),
                new FunctionSpec("report", "dev.fnlens.examples.ReportGenerator::handleRequest", code, 1024, 2, Map.of()));
    }
}
