package dev.fnlens.testfn;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Args: {@code <test classes dir> <aws-lambda-java-core jar>}. Calls a plain handler named by
 * {@code _HANDLER} (req-pojo), then a RequestHandler loaded by a class loader that does not delegate to
 * the system class loader (req-isolated), as a fat-jar launcher or plugin host would.
 */
public final class IsolatedLoaderMain {
    private IsolatedLoaderMain() {
    }

    public static void main(String[] args) throws Exception {
        String pojo = new PojoGreeter().greet("pojo", new TestContext("req-pojo"));
        if (!pojo.equals("Hi, pojo")) {
            throw new AssertionError(pojo);
        }
        URL[] urls = {Path.of(args[0]).toUri().toURL(), Path.of(args[1]).toUri().toURL()};
        try (URLClassLoader isolated = new URLClassLoader(urls, null)) {
            Class<?> handlerClass = isolated.loadClass("dev.fnlens.testfn.GreetingHandler");
            Class<?> contextClass = isolated.loadClass("dev.fnlens.testfn.TestContext");
            Class<?> contextInterface = isolated.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object handler = handlerClass.getConstructor().newInstance();
            Object context = contextClass.getConstructor(String.class).newInstance("req-isolated");
            Method handle = handlerClass.getMethod("handleRequest", String.class, contextInterface);
            Object result = handle.invoke(handler, "isolated", context);
            if (!"Hello, isolated".equals(result)) {
                throw new AssertionError(result);
            }
        }
    }
}
