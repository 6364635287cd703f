package dev.fnlens.agent.instrument;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Defines the test handlers ({@code dev.fnlens.testfn.*Handler}) itself, passing their
 * bytes through the agent's transformer as the JVM would; everything else, including
 * the hooks and the Lambda interfaces, comes from the parent. The rewritten classes are
 * verified and run for real.
 */
final class TransformingLoader extends ClassLoader {
    private final HandlerTransformer transformer = new HandlerTransformer();
    final AtomicInteger rewritten = new AtomicInteger();

    TransformingLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("dev.fnlens.testfn.") || !name.endsWith("Handler")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = ClassFiles.of(name);
                byte[] transformed = transformer.transform(this, name.replace('.', '/'), null, null, original);
                if (transformed != null) {
                    rewritten.incrementAndGet();
                }
                byte[] bytes = transformed != null ? transformed : original;
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @SuppressWarnings("unchecked")
    <T> T newInstance(String simpleName) throws ReflectiveOperationException {
        return (T) loadClass("dev.fnlens.testfn." + simpleName).getConstructor().newInstance();
    }
}
