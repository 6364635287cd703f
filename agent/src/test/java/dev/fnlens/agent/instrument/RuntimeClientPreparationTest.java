package dev.fnlens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The runtime interface client's classes rewritten ahead on another thread ({@link HandlerTransformer#prepare}): the
 * class that loads takes the result only for the very bytes that were rewritten.
 */
class RuntimeClientPreparationTest {
    private static final String CLIENT = HandlerTransformer.RIC_CLIENT;
    private static final String LOGGER = HandlerTransformer.RIC_LOGGER;
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void preparedClass_isTheSameRewriteAsOneMadeWhereItLoads() {
        byte[] client = ClassFiles.of(CLIENT.replace('/', '.'));
        byte[] direct = transformer().transform(loader, CLIENT, null, null, client);

        HandlerTransformer prepared = transformer();
        prepared.expectPreparation();
        prepared.prepare(loader);
        byte[] taken = prepared.transform(loader, CLIENT, null, null, client);

        assertThat(direct).as("hooked").isNotNull();
        assertThat(taken).isEqualTo(direct);
        assertThat(prepared.responseHooked()).isTrue();
    }

    @Test
    void otherBytesUnderTheSameName_areRewrittenAsTheyLoad() {
        // e.g. another agent transformed the class first: the prepared rewrite is not for these bytes
        byte[] notTheClient = ClassFiles.of(LOGGER.replace('/', '.'));
        HandlerTransformer prepared = transformer();
        prepared.expectPreparation();
        prepared.prepare(loader);

        byte[] result = prepared.transform(loader, CLIENT, null, null, notTheClient);

        assertThat(result).as("the logger has none of the client's methods").isNull();
        assertThat(prepared.responseHooked()).isFalse();
    }

    @Test
    void withNothingToPrepare_theClassIsRewrittenAsItLoads() {
        HandlerTransformer prepared = transformer();
        prepared.expectPreparation();
        prepared.prepare(null);

        byte[] logger = prepared.transform(loader, LOGGER, null, null, ClassFiles.of(LOGGER.replace('/', '.')));

        assertThat(logger).as("hooked where it loads").isNotNull();
    }

    private static HandlerTransformer transformer() {
        return new HandlerTransformer(null, true, null, null);
    }
}
