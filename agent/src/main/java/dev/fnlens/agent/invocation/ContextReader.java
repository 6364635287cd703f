package dev.fnlens.agent.invocation;

import java.lang.reflect.Method;

/**
 * Reads the Lambda {@code Context} reflectively.
 *
 * <p>The agent does not bundle aws-lambda-java-core and the function's {@code Context}
 * class may not be visible to the agent's class loader, so methods are looked up on
 * the {@code Context} interface the object implements and cached per implementation
 * class. Any failure reads as {@code null}.
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
        return context == null ? null : call(ACCESSORS.get(context.getClass()).requestId, context);
    }

    static String functionArn(Object context) {
        return context == null ? null : call(ACCESSORS.get(context.getClass()).functionArn, context);
    }

    private static String call(Method method, Object target) {
        if (method == null) {
            return null;
        }
        try {
            Object value = method.invoke(target);
            return value instanceof String && !((String) value).isEmpty() ? (String) value : null;
        } catch (Throwable t) {
            // a user's Context implementation may throw anything; the invocation goes on
            return null;
        }
    }

    private static final class Accessors {
        final Method requestId;
        final Method functionArn;

        private Accessors(Method requestId, Method functionArn) {
            this.requestId = requestId;
            this.functionArn = functionArn;
        }

        static Accessors of(Class<?> type) {
            Class<?> contextInterface = findInterface(type, CONTEXT_INTERFACE);
            if (contextInterface == null) {
                return new Accessors(null, null);
            }
            return new Accessors(method(contextInterface, "getAwsRequestId"),
                    method(contextInterface, "getInvokedFunctionArn"));
        }

        private static Method method(Class<?> type, String name) {
            try {
                return type.getMethod(name);
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
