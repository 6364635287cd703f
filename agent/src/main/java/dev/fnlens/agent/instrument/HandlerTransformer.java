package dev.fnlens.agent.instrument;

import dev.fnlens.agent.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees every class the JVM defines and rewrites only what the agent hooks: Lambda handlers (by
 * interface, or the plain handler the configuration names), LambdaLogger implementations, the
 * dispatch methods of Logback and Log4j 2 appenders, Log4j 2's event classes (stamped with their
 * invocation) and stream manager (direct console output), and the runtime interface client's response calls.
 *
 * <p>It is on the function's cold-start path for every class, so the common case is a
 * few reference and prefix checks and, for application classes, one pass over the
 * constant pool. It never throws: any failure leaves the class as it was.
 *
 * <p>The first class rewritten costs the most (ASM's classes load, and run interpreted). On Lambda that is the
 * runtime interface client's, loaded by the main thread as the runtime starts; {@link #prepare} rewrites them
 * ahead on another thread, from the same bytes, and the main thread takes the result.
 */
public final class HandlerTransformer implements ClassFileTransformer {
    static final String LAMBDA_LOGGER = "com/amazonaws/services/lambda/runtime/LambdaLogger";
    static final String RIC_LOGGER = "com/amazonaws/services/lambda/runtime/api/client/logging/AbstractLambdaLogger";
    static final String RIC_CLIENT =
            "com/amazonaws/services/lambda/runtime/api/client/runtimeapi/LambdaRuntimeApiClientImpl";
    static final String LOGBACK_APPENDER = "ch/qos/logback/core/AppenderBase";
    static final String LOGBACK_UNSYNCHRONIZED_APPENDER = "ch/qos/logback/core/UnsynchronizedAppenderBase";
    static final String LOG4J_APPENDER_CONTROL = "org/apache/logging/log4j/core/config/AppenderControl";
    static final String LOG4J_EVENT = "org/apache/logging/log4j/core/impl/Log4jLogEvent";
    static final String LOG4J_RING_BUFFER_EVENT = "org/apache/logging/log4j/core/async/RingBufferLogEvent";
    static final String LOG4J_MUTABLE_EVENT = "org/apache/logging/log4j/core/impl/MutableLogEvent";
    static final String LOG4J_STREAM_MANAGER = "org/apache/logging/log4j/core/appender/OutputStreamManager";
    static final String LOG_LEVEL = "Lcom/amazonaws/services/lambda/runtime/logging/LogLevel;";
    /** The classes {@link #special} hooks by name whose rewrite only changes method bodies: retransformable. */
    static final Set<String> HOOKED_BY_NAME = Set.of(RIC_CLIENT, RIC_LOGGER, LOGBACK_APPENDER,
            LOGBACK_UNSYNCHRONIZED_APPENDER, LOG4J_APPENDER_CONTROL, LOG4J_STREAM_MANAGER);
    /** The classes {@link #special} stamps: their rewrite adds fields, so they can be rewritten only as they load. */
    static final Set<String> STAMPED_BY_NAME = Set.of(LOG4J_EVENT, LOG4J_RING_BUFFER_EVENT, LOG4J_MUTABLE_EVENT);
    /** The dependencies the Lambda runtime's libraries relocate (Jackson and others). */
    private static final String RUNTIME_LIBRARIES = "com/amazonaws/lambda/thirdparty/";

    /** Told when a class the agent cares about without rewriting it is loaded. */
    public interface ClassLoadListener {
        void julLoaded();
    }

    /** The agent's loader, that of the hooks the rewritten code calls: null for the boot loader, as usual. */
    private final ClassLoader hooksLoader = HandlerTransformer.class.getClassLoader();
    private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();
    private final String pojoClass;
    private final String pojoMethod;
    private final boolean frameworkLogs;
    private final Instrumentation instrumentation;
    /** Made when a handler's class loader first cannot see the agent: until then nothing of it is loaded. */
    private BootstrapBridge bridge;
    private final ClassLoadListener listener;
    /** Supertypes that may declare the configured plain handler's method (it may be inherited). */
    private final Set<String> pojoSupertypes = ConcurrentHashMap.newKeySet();
    private volatile boolean responseHooked;
    /** The runtime client's classes rewritten ahead on another thread, for the main thread to take. */
    private final PreparedClasses prepared = new PreparedClasses();
    /** Null without an Instrumentation to pause with. */
    private final RuntimeSetupPause pause;

    /** Handlers only, as in the unit tests. */
    public HandlerTransformer() {
        this(null, false, null, null);
    }

    /**
     * @param handler       {@code pkg.Class::method} or {@code pkg.Class} (method {@code handleRequest}), or null
     * @param frameworkLogs hook LambdaLogger, Logback and Log4j 2
     */
    public HandlerTransformer(String handler, boolean frameworkLogs, Instrumentation instrumentation,
                              ClassLoadListener listener) {
        String[] pojo = parseHandler(handler);
        this.pojoClass = pojo == null ? null : pojo[0];
        this.pojoMethod = pojo == null ? null : pojo[1];
        this.frameworkLogs = frameworkLogs;
        this.instrumentation = instrumentation;
        this.listener = listener;
        this.pause = instrumentation == null ? null : new RuntimeSetupPause(instrumentation, this, listener);
    }

    /**
     * To be run before the runtime's first request for an invocation and before the first handler call, whichever
     * comes first: ends the pause of {@link RuntimeSetupPause}, or rules it out. Null when there is none.
     */
    public Runnable setupPauseEnd() {
        return pause;
    }

    /** {@link #prepare} will run on another thread: until it is done, the runtime client's classes wait for it. */
    public void expectPreparation() {
        prepared.expect();
    }

    /**
     * Reads the runtime interface client's classes that are hooked by name from {@code loader}'s resources, where
     * the runtime loads them from, and rewrites them, before the runtime's main thread gets to them. Never throws.
     */
    public void prepare(ClassLoader loader) {
        try {
            prepared.add(loader, RIC_CLIENT, LibrarySelectors.RESPONSES);
            if (frameworkLogs) {
                prepared.add(loader, RIC_LOGGER, LibrarySelectors.LAMBDA_LOG);
            }
        } catch (Throwable t) {
            AgentLog.debug("could not prepare the runtime client's classes", t);
        } finally {
            prepared.done();
        }
    }

    /** Whether the runtime interface client's response calls are hooked (known once it has loaded). */
    public boolean responseHooked() {
        return responseHooked;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || classBeingRedefined != null) {
            return null; // hidden classes, retransformations
        }
        if (loader == null || loader == platformLoader) {
            if (listener != null && className.equals("java/util/logging/LogManager")) {
                listener.julLoaded();
            }
            return null; // JDK classes
        }
        if (className.startsWith(RUNTIME_LIBRARIES)) {
            // the bulk of what loads before the first invocation on Lambda: neither special nor handlers
            if (pause != null) {
                pause.runtimeLibraryLoading(responseHooked);
            }
            return null;
        }
        try {
            byte[] rewritten = special(loader, className, classfileBuffer);
            if (rewritten == null && !HandlerMatcher.isExcluded(className)) {
                rewritten = application(loader, className, classfileBuffer);
            }
            if (rewritten != null && pause != null) {
                pause.rewritten(loader, className);
            }
            return rewritten;
        } catch (Throwable t) {
            AgentLog.debug("left " + className + " unchanged", t);
            return null;
        }
    }

    /**
     * The selectors of the library classes hooked by name, loaded with the first of them (not with the transformer:
     * it is registered on the function's cold start). Classes, not lambdas: a lambda's bootstrap (java.lang.invoke,
     * class spinning) would cost the function's start-up time when the runtime client's classes load.
     */
    private static final class LibrarySelectors {
        /** The runtime interface client's calls that send a response and ask for the next invocation. */
        private static final HandlerRewriter.Selector RESPONSES = new HandlerRewriter.Selector() {
            @Override
            public Hook select(String c, int access, String name, String descriptor) {
                if (name.startsWith("reportInvocation") && descriptor.startsWith("(Ljava/lang/String;")) {
                    return new ResponseHook();
                }
                return name.equals("nextInvocation") && descriptor.startsWith("()")
                        ? new ResponseHook.NextInvocation() : null;
            }
        };

        private static final HandlerRewriter.Selector LAMBDA_LOG = new HandlerRewriter.Selector() {
            @Override
            public Hook select(String c, int access, String name, String descriptor) {
                return lambdaLog(c, access, name, descriptor);
            }
        };

        private static final HandlerRewriter.Selector LOGBACK_APPEND = appender("doAppend", "(Ljava/lang/Object;)V",
                "logback");
        private static final HandlerRewriter.Selector LOG4J_APPEND = appender("callAppender",
                "(Lorg/apache/logging/log4j/core/LogEvent;)V", "log4j2");

        private static final HandlerRewriter.Selector LOG4J_MANAGER_WRITE = new HandlerRewriter.Selector() {
            @Override
            public Hook select(String c, int access, String name, String descriptor) {
                return name.equals("writeToDestination") && descriptor.equals(ManagerWriteHook.DESCRIPTOR)
                        ? new ManagerWriteHook() : null;
            }
        };

        private static HandlerRewriter.Selector appender(String method, String methodDescriptor, String source) {
            return new HandlerRewriter.Selector() {
                @Override
                public Hook select(String c, int access, String name, String descriptor) {
                    return name.equals(method) && descriptor.equals(methodDescriptor)
                            ? new LogHook("append", false, source) : null;
                }
            };
        }
    }

    /** Library classes the agent hooks by name; null when {@code className} is none of them. */
    private byte[] special(ClassLoader loader, String className, byte[] classFile) {
        switch (className) {
            case RIC_CLIENT:
                byte[] rewritten = runtimeClient(loader, className, classFile, LibrarySelectors.RESPONSES);
                responseHooked = rewritten != null;
                return rewritten;
            case RIC_LOGGER:
                return frameworkLogs
                        ? runtimeClient(loader, className, classFile, LibrarySelectors.LAMBDA_LOG) : null;
            case LOGBACK_APPENDER:
            case LOGBACK_UNSYNCHRONIZED_APPENDER:
                return frameworkLogs
                        ? rewriteIfVisible(loader, className, classFile, LibrarySelectors.LOGBACK_APPEND) : null;
            case LOG4J_APPENDER_CONTROL:
                return frameworkLogs
                        ? rewriteIfVisible(loader, className, classFile, LibrarySelectors.LOG4J_APPEND) : null;
            case LOG4J_STREAM_MANAGER:
                return frameworkLogs
                        ? rewriteIfVisible(loader, className, classFile, LibrarySelectors.LOG4J_MANAGER_WRITE) : null;
            case LOG4J_EVENT:
                return frameworkLogs ? stampIfVisible(loader, className, classFile, true) : null;
            case LOG4J_RING_BUFFER_EVENT:
                return frameworkLogs ? stampIfVisible(loader, className, classFile, false, "setValues") : null;
            case LOG4J_MUTABLE_EVENT:
                return frameworkLogs ? stampIfVisible(loader, className, classFile, false, "initTime", "initFrom")
                        : null;
            default:
                return null;
        }
    }

    /** The plain handler the configuration names, or a supertype declaring its method. */
    boolean isPojoHandler(String className) {
        return pojoClass != null && (pojoClass.equals(className) || pojoSupertypes.contains(className));
    }

    private byte[] application(ClassLoader loader, String className, byte[] classFile) {
        boolean pojo = isPojoHandler(className);
        ClassHeader header = ClassHeader.parse(classFile);
        boolean lambdaLogger = frameworkLogs && !header.isInterfaceLike() && implementsDirectly(header, LAMBDA_LOGGER);
        int kinds = HandlerMatcher.handlerKinds(header, new LoaderClassFiles(loader));
        if (kinds == HandlerMatcher.NONE && !pojo && !lambdaLogger) {
            return null;
        }
        String owner = HandlerRewriter.HOOKS;
        if (!seesHooks(loader)) {
            if (lambdaLogger || !bridge().install()) {
                // calling the hooks from there would throw NoClassDefFoundError into the function
                AgentLog.debug("not instrumenting " + className + ": its class loader cannot see the agent");
                return null;
            }
            owner = BootstrapBridge.INTERNAL_NAME;
        }
        HandlerRewriter.Selector handlers = HandlerRewriter.handlers(kinds, pojo ? pojoMethod : null, owner);
        HandlerRewriter.Selector selector = !lambdaLogger ? handlers : new HandlerRewriter.Selector() {
            @Override
            public Hook select(String c, int access, String name, String descriptor) {
                Hook hook = lambdaLog(c, access, name, descriptor);
                return hook != null ? hook : handlers.select(c, access, name, descriptor);
            }
        };
        byte[] rewritten = HandlerRewriter.rewrite(classFile, selector);
        if (rewritten != null && (kinds != HandlerMatcher.NONE || pojo) && pause != null) {
            pause.handlerHooked(loader);
        }
        if (pojo && rewritten == null && header.superName != null && !HandlerMatcher.isExcluded(header.superName)) {
            pojoSupertypes.add(header.superName); // the method is inherited: rewrite it where it is declared
        }
        AgentLog.debug((rewritten != null ? "instrumented " : "nothing to instrument in ") + className);
        return rewritten;
    }

    /**
     * A runtime client's class: rewritten by {@link #prepare} if it has these bytes, else here. The prepared bytes
     * call the hooks directly, so a loader that cannot see them (a renamed jar) goes the usual way, through the bridge,
     * without waiting for the preparation.
     */
    private byte[] runtimeClient(ClassLoader loader, String className, byte[] classFile,
                                 HandlerRewriter.Selector selector) {
        PreparedClasses.Entry taken = seesHooks(loader) ? prepared.take(className, classFile) : null;
        if (taken == null) {
            return rewriteIfVisible(loader, className, classFile, selector);
        }
        AgentLog.debug((taken.rewritten != null ? "hooked " : "nothing to hook in ") + className + " (prepared)");
        return taken.rewritten;
    }

    private byte[] rewriteIfVisible(ClassLoader loader, String className, byte[] classFile,
                                    HandlerRewriter.Selector selector) {
        if (!seesHooks(loader)) {
            return null;
        }
        byte[] rewritten = HandlerRewriter.rewrite(classFile, selector);
        AgentLog.debug((rewritten != null ? "hooked " : "nothing to hook in ") + className);
        return rewritten;
    }

    /** Log4j 2 events that remember their invocation, for appenders that run later on another thread. */
    private byte[] stampIfVisible(ClassLoader loader, String className, byte[] classFile, boolean constructors,
                                  String... fillMethods) {
        if (!seesHooks(loader)) {
            return null;
        }
        byte[] rewritten = LogEventStamper.rewrite(classFile, constructors, fillMethods);
        AgentLog.debug((rewritten != null ? "stamping events of " : "nothing to stamp in ") + className);
        return rewritten;
    }

    /** {@code log(String)}, {@code log(byte[])} and their {@code LogLevel} overloads. */
    private static Hook lambdaLog(String className, int access, String name, String descriptor) {
        if (!name.equals("log") || (access & 0x0408) != 0) { // abstract, static
            return null;
        }
        switch (descriptor) {
            case "(Ljava/lang/String;)V":
            case "([B)V":
                return new LogHook("lambdaLog", false, "lambda");
            case "(Ljava/lang/String;" + LOG_LEVEL + ")V":
            case "([B" + LOG_LEVEL + ")V":
                return new LogHook("lambdaLog", true, "lambda");
            default:
                return null;
        }
    }

    private static boolean implementsDirectly(ClassHeader header, String type) {
        for (String i : header.interfaces) {
            if (i.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pkg.Class::method} -> {pkg/Class, method}; {@code pkg.Class} -> {pkg/Class, handleRequest}. */
    static String[] parseHandler(String handler) {
        if (handler == null || handler.isBlank()) {
            return null;
        }
        String h = handler.trim();
        int sep = h.indexOf("::");
        String cls = sep >= 0 ? h.substring(0, sep) : h;
        String method = sep >= 0 ? h.substring(sep + 2) : HandlerRewriter.HANDLE_REQUEST;
        if (cls.isEmpty() || method.isEmpty()) {
            return null;
        }
        return new String[] {cls.replace('.', '/'), method};
    }

    private synchronized BootstrapBridge bridge() {
        if (bridge == null) {
            bridge = new BootstrapBridge(instrumentation);
        }
        return bridge;
    }

    private boolean seesHooks(ClassLoader loader) {
        if (hooksLoader == null) {
            return true; // loaded from the boot class path (the jar's Boot-Class-Path): every loader sees the hooks
        }
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
