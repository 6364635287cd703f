package dev.fnlens.agent.instrument;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.invocation.InvocationHooks;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Sees every class the JVM defines and rewrites only Lambda handlers.
 *
 * <p>It is on the function's cold-start path for every class, so the common case is a
 * few reference and prefix checks and, for application classes, one pass over the
 * constant pool. It never throws: any failure leaves the class as it was.
 */
public final class HandlerTransformer implements ClassFileTransformer {
    private final ClassLoader hooksLoader = InvocationHooks.class.getClassLoader();
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader == null || loader == platformLoader || className == null || classBeingRedefined != null) {
            return null; // JDK classes, hidden classes, retransformations
        }
        try {
            if (HandlerMatcher.isExcluded(className)) {
                return null;
            }
            int kinds = HandlerMatcher.handlerKinds(classfileBuffer, new LoaderClassFiles(loader));
            if (kinds == HandlerMatcher.NONE) {
                return null;
            }
            if (!seesHooks(loader)) {
                // calling the hooks from there would throw NoClassDefFoundError into the handler
                AgentLog.debug("not instrumenting " + className + ": its class loader cannot see the agent");
                return null;
            }
            byte[] rewritten = HandlerRewriter.rewrite(classfileBuffer, kinds);
            AgentLog.debug((rewritten != null ? "instrumented " : "no handleRequest to instrument in ") + className);
            return rewritten;
        } catch (Throwable t) {
            AgentLog.debug("left " + className + " unchanged", t);
            return null;
        }
    }

    private boolean seesHooks(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l == hooksLoader) {
                return true;
            }
        }
        return false;
    }

    /** Supertypes' class files as resources of the loader defining the candidate; never loads them. */
    private static final class LoaderClassFiles implements HandlerMatcher.ClassFiles {
        private final ClassLoader loader;

        LoaderClassFiles(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public byte[] find(String internalName) {
            try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
