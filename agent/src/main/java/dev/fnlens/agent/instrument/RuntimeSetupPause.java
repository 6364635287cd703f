package dev.fnlens.agent.instrument;

import dev.fnlens.agent.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes the transformer off while the AWS runtime interface client builds its serializers, and puts it back when
 * the runtime asks for its first invocation.
 *
 * <p>Why: with a transformer registered, the JVM hands it every class it loads, and for a class from the CDS archive
 * it first reads the class file from the runtime image to do so. Between loading the handler and asking for the first
 * event the runtime client loads some 700 classes (its relocated Jackson and the JDK classes they use) in which
 * nothing is hooked; off, the function's main thread spends 2–10 ms less CPU before its first response, and ~6 MB
 * of class-file copies are never made (docs/benchmarks.md, "Agent").
 *
 * <p>The pause starts at the first of the runtime's own library classes ({@code com/amazonaws/lambda/thirdparty/})
 * to load after a handler was hooked — the handler's class initialiser and constructor have run by then — and only
 * when the runtime client's calls are hooked: its first {@code nextInvocation} (or the handler's first call) ends it.
 * Whatever of the function loaded meanwhile (on other threads, or as the runtime reflects on the handler's event
 * type) is caught up then: classes the agent would have hooked are retransformed through the same rewrite, and the
 * function's use of java.util.logging is noticed. Log4j 2's event classes cannot be caught up (their stamp adds
 * fields, which retransformation may not): one loaded during the pause leaves that function's events from
 * background appenders unstamped, attributed when they are appended instead.
 */
final class RuntimeSetupPause implements Runnable {
    private static final int WATCHING = 0;
    private static final int HANDLER_HOOKED = 1;
    private static final int PAUSED = 2;
    private static final int CATCHING_UP = 3;
    private static final int OVER = 4;

    /** Binary names of the interfaces whose implementations are hooked: handlers and LambdaLoggers. */
    private static final String[] HOOKED_SUPERTYPES = {HandlerMatcher.REQUEST_HANDLER_TYPE.replace('/', '.'),
        HandlerMatcher.STREAM_HANDLER_TYPE.replace('/', '.'), HandlerTransformer.LAMBDA_LOGGER.replace('/', '.')};

    private final Instrumentation instrumentation;
    private final HandlerTransformer transformer;
    private final HandlerTransformer.ClassLoadListener listener;
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();
    private final AtomicInteger state = new AtomicInteger(WATCHING);
    /** Classes rewritten as they loaded, until the pause is over: a catch-up must not hook them twice. */
    private final Set<LoadedClass> rewritten = ConcurrentHashMap.newKeySet();
    /** The class loaders of the hooked handlers: the function's. */
    private final Set<ClassLoader> handlerLoaders = ConcurrentHashMap.newKeySet();

    RuntimeSetupPause(Instrumentation instrumentation, HandlerTransformer transformer,
                      HandlerTransformer.ClassLoadListener listener) {
        this.instrumentation = instrumentation;
        this.transformer = transformer;
        this.listener = listener;
    }

    /** A handler class of {@code loader} was rewritten as it loaded. */
    void handlerHooked(ClassLoader loader) {
        handlerLoaders.add(loader);
        state.compareAndSet(WATCHING, HANDLER_HOOKED);
    }

    /** A class was rewritten as it loaded. */
    void rewritten(ClassLoader loader, String className) {
        if (state.get() != OVER) {
            rewritten.add(new LoadedClass(loader, className));
        }
    }

    /**
     * One of the runtime client's relocated library classes is loading: its set-up has begun if a handler is hooked
     * already. {@code canEnd}: the runtime client's calls are hooked, so its first {@code nextInvocation} will end the
     * pause (as would the handler's first call).
     */
    void runtimeLibraryLoading(boolean canEnd) {
        if (canEnd && state.get() == HANDLER_HOOKED && state.compareAndSet(HANDLER_HOOKED, PAUSED)) {
            instrumentation.removeTransformer(transformer);
            AgentLog.debug("transformer paused while the runtime sets up");
        }
    }

    /** The runtime asks for its first invocation (or a handler is called): the transformer is back for good. */
    @Override
    public void run() {
        for (int s = state.get(); s != PAUSED; s = state.get()) {
            if (s >= CATCHING_UP || state.compareAndSet(s, OVER)) {
                return; // never paused: it will not be now
            }
        }
        state.set(CATCHING_UP);
        // still recording: a class another thread loads from now on is rewritten as it loads, and found here too
        instrumentation.addTransformer(transformer, false);
        long start = System.nanoTime();
        try {
            catchUp();
            AgentLog.debug("transformer back; caught up in " + (System.nanoTime() - start) / 1_000 + " us");
        } catch (Throwable t) {
            AgentLog.debug("could not catch up with the classes loaded during the pause", t);
        } finally {
            state.set(OVER);
            rewritten.clear();
        }
    }

    /**
     * Hooks what loaded while the transformer was off; re-added before this runs, it sees everything after. What the
     * function loads goes through its handler's class loader, so the classes that loader initiated are looked at, not
     * every class of the JVM (2,300 on a small function: their scan cost the main thread 2.4 ms).
     */
    private void catchUp() {
        List<Class<?>> missed = new ArrayList<>();
        for (ClassLoader loader : handlerLoaders) {
            for (Class<?> c : instrumentation.getInitiatedClasses(loader)) {
                ClassLoader definer = c.getClassLoader();
                if (definer == null || definer == platformLoader) {
                    noticeJul(c);
                } else if (missed(c, definer) && !missed.contains(c)) {
                    missed.add(c);
                }
            }
        }
        if (missed.isEmpty() || !instrumentation.isRetransformClassesSupported()) {
            return;
        }
        CatchUp catchUp = new CatchUp(missed);
        instrumentation.addTransformer(catchUp, true);
        try {
            for (Class<?> c : missed) { // one by one: a class the JVM refuses to retransform leaves the others
                try {
                    instrumentation.retransformClasses(c);
                } catch (Throwable t) {
                    AgentLog.debug("could not hook " + c.getName() + ", loaded during the pause", t);
                }
            }
        } finally {
            instrumentation.removeTransformer(catchUp);
        }
    }

    /** A JDK class the function's loader resolved: java.util.logging's means the function uses it. */
    private void noticeJul(Class<?> c) {
        if (listener != null && c.getName().startsWith("java.util.logging.")) {
            listener.julLoaded();
        }
    }

    /** A class of the function (defined by {@code loader}) that the agent hooks and that was not hooked as it loaded. */
    private boolean missed(Class<?> c, ClassLoader loader) {
        String name = c.getName();
        if (name.startsWith("com.amazonaws.lambda.thirdparty.") || c.isInterface() || c.isArray() || c.isHidden()) {
            return false;
        }
        String internalName = name.replace('.', '/');
        if (rewritten.contains(new LoadedClass(loader, internalName))) {
            return false;
        }
        if (HandlerTransformer.STAMPED_BY_NAME.contains(internalName)) {
            AgentLog.debug("not stamping " + internalName + ": loaded while the transformer was paused");
            return false;
        }
        if (HandlerTransformer.HOOKED_BY_NAME.contains(internalName) || transformer.isPojoHandler(internalName)) {
            return instrumentation.isModifiableClass(c);
        }
        return !HandlerMatcher.isExcluded(internalName) && hasHookedSupertype(c)
                && instrumentation.isModifiableClass(c);
    }

    /** Implements a handler interface or LambdaLogger, directly or not: the rewrite then decides. */
    private static boolean hasHookedSupertype(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (isHookedInterface(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isHookedInterface(Class<?> type) {
        for (String name : HOOKED_SUPERTYPES) {
            if (name.equals(type.getName())) {
                return true;
            }
        }
        for (Class<?> parent : type.getInterfaces()) {
            if (isHookedInterface(parent)) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites the missed classes as if they were loading now; registered only while they are retransformed. */
    private final class CatchUp implements ClassFileTransformer {
        private final List<Class<?>> missed;

        CatchUp(List<Class<?>> missed) {
            this.missed = missed;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain protectionDomain, byte[] classfileBuffer) {
            if (classBeingRedefined == null || !missed.contains(classBeingRedefined)) {
                return null;
            }
            byte[] hooked = transformer.transform(loader, className, null, protectionDomain, classfileBuffer);
            AgentLog.debug((hooked != null ? "hooked " : "nothing to hook in ") + className + " (caught up)");
            return hooked;
        }
    }

    /** A class by its loader and name; the loader compared by identity. */
    private static final class LoadedClass {
        private final ClassLoader loader;
        private final String name;

        LoadedClass(ClassLoader loader, String name) {
            this.loader = loader;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoadedClass other && other.loader == loader && other.name.equals(name);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(loader) * 31 + name.hashCode();
        }
    }
}
