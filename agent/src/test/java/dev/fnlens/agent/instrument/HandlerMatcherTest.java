package dev.fnlens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.ApiHandler;
import dev.fnlens.testfn.BaseHandler;
import dev.fnlens.testfn.GreeterApi;
import dev.fnlens.testfn.GreetingHandler;
import dev.fnlens.testfn.NotAHandler;
import dev.fnlens.testfn.RawHandler;
import dev.fnlens.testfn.SubclassHandler;
import dev.fnlens.testfn.TestContext;
import dev.fnlens.testfn.UpperCaseStreamHandler;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Which class files the transformer rewrites, and which methods inside them. */
class HandlerMatcherTest {
    private static final String CONTEXT = "Lcom/amazonaws/services/lambda/runtime/Context;";

    private final HandlerTransformer transformer = new HandlerTransformer();
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void genericRequestHandler_instrumentsTheRealMethod_notTheBridge() {
        byte[] rewritten = transform(GreetingHandler.class);

        assertThat(ClassFiles.instrumentedMethods(ClassFiles.of(GreetingHandler.class))).isEmpty();
        assertThat(ClassFiles.instrumentedMethods(rewritten))
                .containsExactly("handleRequest(Ljava/lang/String;" + CONTEXT + ")Ljava/lang/String;");
    }

    @Test
    void streamHandler_isInstrumented() {
        assertThat(ClassFiles.instrumentedMethods(transform(UpperCaseStreamHandler.class)))
                .containsExactly("handleRequest(Ljava/io/InputStream;Ljava/io/OutputStream;" + CONTEXT + ")V");
    }

    @Test
    void rawRequestHandler_isInstrumented() {
        assertThat(ClassFiles.instrumentedMethods(transform(RawHandler.class)))
                .containsExactly("handleRequest(Ljava/lang/Object;" + CONTEXT + ")Ljava/lang/Object;");
    }

    @Test
    void handlersThroughSupertypes_areFoundFromClassFiles() {
        // abstract base class implementing the interface, and its subclass
        assertThat(transform(BaseHandler.class)).isNotNull();
        assertThat(transform(SubclassHandler.class)).isNotNull();
        // an interface extending RequestHandler
        assertThat(transform(ApiHandler.class)).isNotNull();
        assertThat(HandlerMatcher.handlerKinds(ClassFiles.of(SubclassHandler.class), name -> ClassFiles.of(
                name.replace('/', '.')))).isEqualTo(HandlerMatcher.REQUEST_HANDLER);
    }

    @Test
    void nonHandlers_areLeftAlone() {
        assertThat(transform(NotAHandler.class)).as("handleRequest without the interface").isNull();
        assertThat(transform(GreeterApi.class)).as("an interface").isNull();
        assertThat(transform(TestContext.class)).as("no handleRequest at all").isNull();
    }

    @Test
    void runtimeClientAgentAndJdkClasses_areSkippedByName_evenIfTheyLookLikeHandlers() {
        byte[] handler = ClassFiles.of(GreetingHandler.class);

        assertThat(transform("com/amazonaws/services/lambda/runtime/api/client/EventHandlerLoader", handler)).isNull();
        assertThat(transform("com/amazonaws/services/lambda/runtime/serialization/Factory", handler)).isNull();
        assertThat(transform("com/amazonaws/lambda/thirdparty/com/fasterxml/jackson/Mapper", handler)).isNull();
        assertThat(transform("lambdainternal/AWSLambda", handler)).isNull();
        assertThat(transform("dev/fnlens/agent/invocation/Something", handler)).isNull();
        assertThat(transform("dev/fnlens/agent/shaded/io/Something", handler)).isNull();
        assertThat(transform("java/util/Handler", handler)).isNull();
        assertThat(transform("jdk/internal/Handler", handler)).isNull();
    }

    @Test
    void otherAwsNamespaces_areStillCandidates() {
        // e.g. aws-serverless-java-container's handlers live under com.amazonaws.serverless
        assertThat(transform("com/amazonaws/serverless/proxy/StreamHandler", ClassFiles.of(UpperCaseStreamHandler.class)))
                .isNotNull();
    }

    @Test
    void bootstrapAndPlatformClasses_areSkipped() {
        byte[] handler = ClassFiles.of(GreetingHandler.class);

        assertThat(transformer.transform(null, "x/Greeting", null, null, handler)).isNull();
        assertThat(transformer.transform(ClassLoader.getPlatformClassLoader(), "x/Greeting", null, null, handler))
                .isNull();
    }

    @Test
    void aLoaderThatCannotSeeTheAgent_isSkipped_ratherThanBreakingTheHandler() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[0], null)) {
            assertThat(transformer.transform(isolated, "x/Greeting", null, null, ClassFiles.of(GreetingHandler.class)))
                    .isNull();
        }
    }

    @Test
    void malformedClassFiles_areLeftAlone_withoutThrowing() {
        assertThat(transform("x/Broken", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61,
                0, 9, 99})).isNull();
        assertThat(transform("x/Empty", new byte[0])).isNull();
    }

    private byte[] transform(Class<?> type) {
        return transform(type.getName().replace('.', '/'), ClassFiles.of(type));
    }

    private byte[] transform(String internalName, byte[] classFile) {
        return transformer.transform(loader, internalName, null, null, classFile);
    }
}
