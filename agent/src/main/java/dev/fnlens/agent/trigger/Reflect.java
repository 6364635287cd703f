package dev.fnlens.agent.trigger;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls public no-argument getters on objects of classes the agent does not link against
 * (aws-lambda-java-events, the function's own types). Method handles are cached per class
 * and name; anything that fails reads as {@code null}, and a missing getter is remembered.
 */
public final class Reflect {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodHandle MISSING = MethodHandles.dropArguments(
            MethodHandles.constant(Object.class, null), 0, Object.class);

    private static final ClassValue<Map<String, MethodHandle>> GETTERS = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Reflect() {
    }

    /** {@code target.name()}, or {@code null} when target is null, has no such public getter, or it throws. */
    public static Object get(Object target, String name) {
        if (target == null) {
            return null;
        }
        Class<?> type = target.getClass();
        Map<String, MethodHandle> getters = GETTERS.get(type);
        MethodHandle getter = getters.get(name);
        if (getter == null) {
            getter = find(type, name);
            getters.put(name, getter);
        }
        try {
            return (Object) getter.invokeExact(target);
        } catch (Throwable t) {
            return null;
        }
    }

    public static String string(Object target, String name) {
        Object value = get(target, name);
        return value instanceof String ? (String) value : null;
    }

    /** The value at a path of getters: {@code path(event, "getRequestContext", "getHttp", "getMethod")}. */
    public static Object path(Object target, String... names) {
        Object value = target;
        for (int i = 0; i < names.length && value != null; i++) {
            value = get(value, names[i]);
        }
        return value;
    }

    private static MethodHandle find(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            // a public method declared by a non-public class: look it up where it is public
            Method accessible = Modifier.isPublic(method.getDeclaringClass().getModifiers())
                    ? method : publicOverride(type, name);
            if (accessible == null) {
                return MISSING;
            }
            return MethodHandles.publicLookup().unreflect(accessible).asType(GETTER);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return MISSING;
        }
    }

    private static Method publicOverride(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (Modifier.isPublic(i.getModifiers())) {
                    try {
                        return i.getMethod(name);
                    } catch (NoSuchMethodException e) {
                        // next
                    }
                }
            }
        }
        return null;
    }
}
