package dev.fnlens.agent.instrument;

/**
 * Decides, from class-file bytes alone, whether a class is a Lambda handler.
 *
 * <p>Handlers are matched by the names of the aws-lambda-java-core interfaces, which
 * the agent never loads. Only a class whose constant pool mentions {@code handleRequest}
 * can declare the method, so every other class is rejected after one pass over its
 * constant pool. For the rare candidate that does not implement a handler interface
 * directly (it extends an abstract handler, or implements an interface that extends
 * one), its supertypes are read as class files through the defining loader, without
 * loading them.
 */
final class HandlerMatcher {
    static final int NONE = 0;
    static final int REQUEST_HANDLER = 1;
    static final int STREAM_HANDLER = 2;

    static final String REQUEST_HANDLER_TYPE = "com/amazonaws/services/lambda/runtime/RequestHandler";
    static final String STREAM_HANDLER_TYPE = "com/amazonaws/services/lambda/runtime/RequestStreamHandler";

    /**
     * The JDK, the agent itself, and AWS's Lambda libraries are never handlers: the
     * runtime client ({@code ...runtime.api.client}, {@code lambdainternal}), and the
     * core, events and serialization libraries with their relocated dependencies
     * ({@code com.amazonaws.lambda.thirdparty}, hundreds of classes the runtime client
     * loads before the first invocation: skipping them by name keeps them off the
     * constant-pool scan).
     */
    private static final String[] EXCLUDED_PREFIXES = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/",
        // the agent's own packages (not all of dev/fnlens/agent: the project's agent tests live beside them)
        "dev/fnlens/agent/Agent", "dev/fnlens/agent/bridge/", "dev/fnlens/agent/config/",
        "dev/fnlens/agent/export/", "dev/fnlens/agent/instrument/", "dev/fnlens/agent/invocation/",
        "dev/fnlens/agent/logs/", "dev/fnlens/agent/runtime/", "dev/fnlens/agent/shaded/",
        "dev/fnlens/agent/trace/", "dev/fnlens/agent/trigger/", "dev/fnlens/agent/otlp/", "dev/fnlens/agent/http/",
        "dev/fnlens/semconv/",
        "com/amazonaws/services/lambda/runtime/",
        "com/amazonaws/lambda/thirdparty/",
        "lambdainternal/",
    };

    /** Deep enough for any real handler hierarchy; bounds the work on odd ones. */
    private static final int MAX_SUPERTYPE_DEPTH = 8;

    /** Where supertypes' class files come from: the defining loader's resources. */
    interface ClassFiles {
        /** The class file of {@code internalName}, or {@code null} when not found. */
        byte[] find(String internalName);
    }

    private HandlerMatcher() {
    }

    static boolean isExcluded(String internalName) {
        for (String prefix : EXCLUDED_PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Bit set of {@link #REQUEST_HANDLER} and {@link #STREAM_HANDLER}; {@link #NONE} for anything else. */
    static int handlerKinds(byte[] classFile, ClassFiles supertypes) {
        return handlerKinds(ClassHeader.parse(classFile), supertypes);
    }

    static int handlerKinds(ClassHeader header, ClassFiles supertypes) {
        if (header.isInterfaceLike() || !header.mentionsHandleRequest) {
            return NONE;
        }
        int direct = NONE;
        for (String type : header.interfaces) {
            direct |= kindOfName(type);
        }
        return direct != NONE ? direct : supertypeKinds(header, supertypes, 1);
    }

    private static int supertypeKinds(ClassHeader header, ClassFiles files, int depth) {
        int kinds = NONE;
        for (String type : header.interfaces) {
            kinds |= kindsOf(type, files, depth);
        }
        if (header.superName != null) {
            kinds |= kindsOf(header.superName, files, depth);
        }
        return kinds;
    }

    private static int kindsOf(String type, ClassFiles files, int depth) {
        int byName = kindOfName(type);
        if (byName != NONE || depth > MAX_SUPERTYPE_DEPTH || isExcluded(type)) {
            return byName;
        }
        byte[] classFile = files.find(type);
        return classFile == null ? NONE : supertypeKinds(ClassHeader.parse(classFile), files, depth + 1);
    }

    private static int kindOfName(String type) {
        if (REQUEST_HANDLER_TYPE.equals(type)) {
            return REQUEST_HANDLER;
        }
        return STREAM_HANDLER_TYPE.equals(type) ? STREAM_HANDLER : NONE;
    }
}
