package dev.fnlens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.GreetingHandler;
import dev.fnlens.testfn.OrderHandler;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The transformer is off while the runtime client sets up ({@link RuntimeSetupPause}): from its first library class
 * after a handler was hooked to its first request for an invocation; what loaded meanwhile is hooked then, by
 * retransformation, and nothing twice.
 */
class RuntimeSetupPauseTest {
    private static final String RUNTIME_LIBRARY = "com/amazonaws/lambda/thirdparty/com/fasterxml/jackson/core/JsonFactory";
    private final ClassLoader loader = getClass().getClassLoader();
    private final FakeInstrumentation instrumentation = new FakeInstrumentation();
    private final JulListener jul = new JulListener();
    private final HandlerTransformer transformer = new HandlerTransformer(null, true, instrumentation, jul);

    @Test
    void theRuntimesSetUp_afterAHandlerWasHooked_pausesTheTransformer_untilTheFirstInvocation() {
        instrumentation.addTransformer(transformer, false);
        load(RUNTIME_LIBRARY);
        assertThat(instrumentation.registered()).as("no handler yet: the runtime is still starting")
                .containsExactly(transformer);

        runtimeClientAndHandlerLoaded();
        load(RUNTIME_LIBRARY);
        assertThat(instrumentation.registered()).as("paused").isEmpty();

        transformer.setupPauseEnd().run();
        assertThat(instrumentation.registered()).containsExactly(transformer);
        load(RUNTIME_LIBRARY);
        transformer.setupPauseEnd().run();
        assertThat(instrumentation.registered()).as("once only").containsExactly(transformer);
    }

    @Test
    void withoutTheRuntimeClientsHooks_nothingWouldEndThePause_soItDoesNotStart() {
        instrumentation.addTransformer(transformer, false);
        loadHandler(GreetingHandler.class);
        load(RUNTIME_LIBRARY);

        assertThat(instrumentation.registered()).containsExactly(transformer);
    }

    @Test
    void aFirstInvocationBeforeTheSetUp_rulesThePauseOut() {
        instrumentation.addTransformer(transformer, false);
        runtimeClientAndHandlerLoaded();
        transformer.setupPauseEnd().run();
        load(RUNTIME_LIBRARY);

        assertThat(instrumentation.registered()).containsExactly(transformer);
    }

    @Test
    void whatLoadedDuringThePause_isHookedWhenItEnds_andWhatWasHookedAsItLoaded_isNotHookedTwice() {
        instrumentation.addTransformer(transformer, false);
        runtimeClientAndHandlerLoaded();
        load(RUNTIME_LIBRARY);
        // loaded while paused, so never shown to the transformer: another handler, java.util.logging, a class of
        // the function that is no handler
        instrumentation.loaded(OrderHandler.class, java.util.logging.LogManager.class, RuntimeSetupPauseTest.class);

        transformer.setupPauseEnd().run();

        assertThat(instrumentation.retransformed.keySet()).containsExactly(OrderHandler.class);
        assertThat(ClassFiles.instrumentedMethods(instrumentation.retransformed.get(OrderHandler.class)))
                .as("hooked as if it had been seen loading").isNotEmpty();
        assertThat(jul.loaded).isTrue();
        assertThat(instrumentation.registered()).as("the catch-up's transformer is gone")
                .containsExactly(transformer);
    }

    /** As on Lambda: the runtime client's classes, then the function's handler, both hooked as they load. */
    private void runtimeClientAndHandlerLoaded() {
        load(HandlerTransformer.RIC_CLIENT);
        assertThat(transformer.responseHooked()).isTrue();
        loadHandler(GreetingHandler.class);
    }

    private void loadHandler(Class<?> handler) {
        assertThat(load(handler.getName().replace('.', '/'))).as("hooked").isNotNull();
        instrumentation.loaded(handler);
    }

    /** Shows the class to the registered transformers as the JVM would while it loads. */
    private byte[] load(String internalName) {
        byte[] classFile = internalName.equals(RUNTIME_LIBRARY) ? new byte[0] : ClassFiles.of(internalName.replace('/', '.'));
        byte[] result = null;
        for (Registered r : new ArrayList<>(instrumentation.transformers)) {
            if (!r.canRetransform) {
                try {
                    byte[] out = r.transformer.transform(loader, internalName, null, null, classFile);
                    result = out != null ? out : result;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return result;
    }

    private static final class JulListener implements HandlerTransformer.ClassLoadListener {
        volatile boolean loaded;

        @Override
        public void julLoaded() {
            loaded = true;
        }
    }

    private record Registered(ClassFileTransformer transformer, boolean canRetransform) {
    }

    /** Registers transformers, lists loaded classes and retransforms them as the JVM does: the parts the pause uses. */
    private static final class FakeInstrumentation implements Instrumentation {
        final List<Registered> transformers = new ArrayList<>();
        final List<Class<?>> loaded = new ArrayList<>();
        final Map<Class<?>, byte[]> retransformed = new LinkedHashMap<>();

        void loaded(Class<?>... classes) {
            loaded.addAll(List.of(classes));
        }

        List<ClassFileTransformer> registered() {
            return transformers.stream().map(Registered::transformer).toList();
        }

        @Override
        public void addTransformer(ClassFileTransformer transformer, boolean canRetransform) {
            transformers.add(new Registered(transformer, canRetransform));
        }

        @Override
        public void addTransformer(ClassFileTransformer transformer) {
            addTransformer(transformer, false);
        }

        @Override
        public boolean removeTransformer(ClassFileTransformer transformer) {
            return transformers.removeIf(r -> r.transformer == transformer);
        }

        @Override
        public boolean isRetransformClassesSupported() {
            return true;
        }

        @Override
        public void retransformClasses(Class<?>... classes) {
            for (Class<?> c : classes) {
                for (Registered r : new ArrayList<>(transformers)) {
                    if (r.canRetransform) {
                        try {
                            byte[] out = r.transformer.transform(c.getClassLoader(), c.getName().replace('.', '/'), c,
                                    null, ClassFiles.of(c));
                            if (out != null) {
                                retransformed.put(c, out);
                            }
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        }

        @Override
        public Class<?>[] getAllLoadedClasses() {
            return loaded.toArray(new Class<?>[0]);
        }

        @Override
        public boolean isModifiableClass(Class<?> theClass) {
            return true;
        }

        @Override
        public boolean isRedefineClassesSupported() {
            return false;
        }

        @Override
        public void redefineClasses(ClassDefinition... definitions) {
            throw new UnsupportedOperationException();
        }

        /** All of them: the test's classes are the function's, its loader initiated them all. */
        @Override
        public Class<?>[] getInitiatedClasses(ClassLoader loader) {
            return getAllLoadedClasses();
        }

        @Override
        public long getObjectSize(Object objectToSize) {
            return 0;
        }

        @Override
        public void appendToBootstrapClassLoaderSearch(JarFile jarfile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void appendToSystemClassLoaderSearch(JarFile jarfile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isNativeMethodPrefixSupported() {
            return false;
        }

        @Override
        public void setNativeMethodPrefix(ClassFileTransformer transformer, String prefix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void redefineModule(Module module, java.util.Set<Module> extraReads,
                                   Map<String, java.util.Set<Module>> extraExports,
                                   Map<String, java.util.Set<Module>> extraOpens, java.util.Set<Class<?>> extraUses,
                                   Map<Class<?>, List<Class<?>>> extraProvides) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isModifiableModule(Module module) {
            return true;
        }
    }
}
