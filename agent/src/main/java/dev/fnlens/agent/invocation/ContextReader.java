package dev.fnlens.agent.invocation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Reads the Lambda {@code Context} reflectively.
 *
 * <p>The agent does not bundle aws-lambda-java-core and the function's {@code Context}
 * class may not be visible to the agent's class loader, so methods are looked up on
 * the {@code Context} interface the object implements and cached per implementation
 * class as method handles (no boxing, no argument arrays). Any failure reads as
 * {@code null} or {@code -1}.
 */
final class ContextReader {
    static final String CONTEXT_INTERFACE = "com.amazonaws.services.lambda.runtime.Context";

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return Accessors.of(type);
        }
    };

    private ContextReader() {
    }

    static String requestId(Object context) {
        return context == null ? null : string(ACCESSORS.get(context.getClass()).requestId, context);
    }

    static String functionArn(Object context) {
        return context == null ? null : string(ACCESSORS.get(context.getClass()).functionArn, context);
    }

    /** {@code Context.getRemainingTimeInMillis()}, or -1. */
    static int remainingMillis(Object context) {
        return context == null ? -1 : integer(ACCESSORS.get(context.getClass()).remaining, context);
    }

    /**
     * Makes handles of the same shapes as a Context's getters (interface methods returning a String and an int,
     * adapted to take an Object) and calls them through the same call sites, so that the first invocation finds
     * their lambda forms made and its call sites linked.
     */
    static void warmUp() {
        MethodHandle text = Accessors.handle(CharSequence.class, "toString", MethodType.methodType(Object.class,
                Object.class));
        MethodHandle length = Accessors.handle(CharSequence.class, "length", MethodType.methodType(int.class,
                Object.class));
        string(text, "warm");
        integer(length, "warm");
    }

    private static int integer(MethodHandle method, Object target) {
        if (method == null) {
            return -1;
        }
        try {
            return (int) method.invokeExact(target);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static String string(MethodHandle method, Object target) {
        if (method == null) {
            return null;
        }
        try {
            Object value = (Object) method.invokeExact(target);
            return value instanceof String && !((String) value).isEmpty() ? (String) value : null;
        } catch (Throwable t) {
            // a user's Context implementation may throw anything; the invocation goes on
            return null;
        }
    }

    private static final class Accessors {
        final MethodHandle requestId;
        final MethodHandle functionArn;
        final MethodHandle remaining;

        private Accessors(MethodHandle requestId, MethodHandle functionArn, MethodHandle remaining) {
            this.requestId = requestId;
            this.functionArn = functionArn;
            this.remaining = remaining;
        }

        static Accessors of(Class<?> type) {
            Class<?> contextInterface = findInterface(type, CONTEXT_INTERFACE);
            if (contextInterface == null) {
                return new Accessors(null, null, null);
            }
            return new Accessors(
                    handle(contextInterface, "getAwsRequestId", MethodType.methodType(Object.class, Object.class)),
                    handle(contextInterface, "getInvokedFunctionArn", MethodType.methodType(Object.class, Object.class)),
                    handle(contextInterface, "getRemainingTimeInMillis", MethodType.methodType(int.class, Object.class)));
        }

        private static MethodHandle handle(Class<?> type, String name, MethodType as) {
            try {
                Method method = type.getMethod(name);
                return MethodHandles.publicLookup().unreflect(method).asType(as);
            } catch (Throwable t) {
                return null;
            }
        }

        private static Class<?> findInterface(Class<?> type, String name) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    Class<?> found = i.getName().equals(name) ? i : findInterface(i, name);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }
}
