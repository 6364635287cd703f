package dev.fnlens.agent.instrument;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.invocation.InvocationHooks;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Puts {@code FnlensBridge} on the bootstrap class path the first time a handler's class loader
 * cannot see the agent, and points it at the real hooks. Until then, nothing of this is loaded.
 */
final class BootstrapBridge {
    static final String CLASS_NAME = "dev.fnlens.agent.bridge.FnlensBridge";
    static final String INTERNAL_NAME = CLASS_NAME.replace('.', '/');

    private final Instrumentation instrumentation;
    private volatile boolean installed;
    private boolean failed;

    BootstrapBridge(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** True when the bridge is ready for rewritten code to call. */
    synchronized boolean install() {
        if (installed || failed || instrumentation == null) {
            return installed;
        }
        try {
            Path jar = Files.createTempFile("fnlens-bridge", ".jar");
            jar.toFile().deleteOnExit();
            String entry = INTERNAL_NAME + ".class";
            try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(entry);
                 OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(entry + " is missing from the agent jar");
                }
                out.putNextEntry(new ZipEntry(entry));
                in.transferTo(out);
                out.closeEntry();
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            Class<?> bridge = Class.forName(CLASS_NAME, true, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            set(bridge, "enter", lookup.findStatic(InvocationHooks.class, "enter", MethodType.methodType(void.class,
                    Object.class, Object.class, Object.class, String.class)));
            set(bridge, "exit", lookup.findStatic(InvocationHooks.class, "exit",
                    MethodType.methodType(void.class, Object.class)));
            set(bridge, "exitError", lookup.findStatic(InvocationHooks.class, "exitError",
                    MethodType.methodType(void.class, Throwable.class)));
            installed = true;
            AgentLog.debug("bootstrap bridge installed for isolated class loaders");
        } catch (Throwable t) {
            failed = true;
            AgentLog.debug("no bootstrap bridge; handlers of isolated class loaders stay uninstrumented", t);
        }
        return installed;
    }

    private static void set(Class<?> bridge, String field, MethodHandle handle) throws ReflectiveOperationException {
        bridge.getField(field).set(null, handle);
    }
}
