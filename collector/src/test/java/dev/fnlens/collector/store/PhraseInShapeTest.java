package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.store.PhraseInShape.Compare;
import dev.fnlens.collector.store.PhraseInShape.ValueTest;
import dev.fnlens.collector.store.PhraseInShape.Way;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhraseInShapeTest {
    /**
     * A REPORT line with its request id kept as bytes (no words), duration, billed duration, memory size, max memory
     * used, status and trigger.
     */
    private static final String REPORT = "3evvvv-v-v------";
    private static final int DURATION = 1;
    private static final int BILLED = 2;
    private static final int MEMORY_SIZE = 3;
    private static final Set<Integer> TEXT_PARTS = Set.of(6, 8); // status, trigger

    @Test
    void aValueBetweenFixedWords_isTheOnlyNumberTested() {
        List<Way<String>> ways = ways("memory", "size", "512", "mb");

        assertThat(ways).first().isEqualTo(new Way<>(List.of(new ValueTest<>(MEMORY_SIZE, Compare.EQUALS, List.of("512")))));
        assertThat(ways.subList(1, ways.size())).as("else only inside a text value: a status could say anything")
                .allSatisfy(w -> assertThat(w.tests()).singleElement()
                        .satisfies(t -> assertThat(TEXT_PARTS).contains(t.part()))
                        .satisfies(t -> assertThat(t.compare()).isEqualTo(Compare.CONTAINS)));
    }

    @Test
    void aPhraseStartingAndEndingInsideValues_testsTheEndOfOneAndTheStartOfTheNext() {
        // "Duration: 102.34 ms  Billed Duration: 103 ms": 34 ms billed duration 103
        assertThat(ways("34", "ms", "billed", "duration", "103")).contains(new Way<>(List.of(
                new ValueTest<>(DURATION, Compare.ENDS_WITH, List.of("34")),
                new ValueTest<>(BILLED, Compare.STARTS_WITH, List.of("103")))));
    }

    @Test
    void aPhraseOfFixedWordsAlone_leavesOnlyTextValuesToTest() {
        assertThat(ways("billed", "duration")).isNotEmpty()
                .allSatisfy(w -> assertThat(w.tests()).allSatisfy(t -> assertThat(TEXT_PARTS).contains(t.part())));
    }

    @Test
    void aNumberNeverHoldsLetters() {
        assertThat(ways("size", "abc", "mb")).allSatisfy(w -> assertThat(w.tests())
                .noneMatch(t -> MessageTemplates.isNumber(MessageTemplates.REPORT, t.part())));
        assertThat(ways("of", "the", "world")).allSatisfy(w -> assertThat(w.tests()).singleElement()
                .satisfies(t -> assertThat(TEXT_PARTS).contains(t.part())));
    }

    @Test
    void aPhraseWithoutWords_liesNowhere() {
        assertThat(ways()).isEmpty();
    }

    @Test
    void someWayHolds_whenEveryTestOfItHolds() {
        List<Way<String>> ways = ways("34", "ms", "billed", "duration", "103");
        Map<Integer, List<String>> line = Map.of(DURATION, List.of("102", "34"), BILLED, List.of("103"),
                6, List.of("success"), 8, List.of("http"));
        Map<Integer, List<String>> otherBilled = Map.of(DURATION, List.of("102", "34"), BILLED, List.of("104"),
                6, List.of("success"), 8, List.of("http"));

        assertThat(PhraseInShape.holds(ways, part -> line.getOrDefault(part, List.of()))).isTrue();
        assertThat(PhraseInShape.holds(ways, part -> otherBilled.getOrDefault(part, List.of()))).isFalse();
    }

    @Test
    void valueTests_compareWholeWords() {
        List<String> value = List.of("a", "b", "c");
        assertThat(new ValueTest<>(0, Compare.EQUALS, List.of("a", "b", "c")).holds(value)).isTrue();
        assertThat(new ValueTest<>(0, Compare.EQUALS, List.of("a", "b")).holds(value)).isFalse();
        assertThat(new ValueTest<>(0, Compare.STARTS_WITH, List.of("a", "b")).holds(value)).isTrue();
        assertThat(new ValueTest<>(0, Compare.STARTS_WITH, List.of("b")).holds(value)).isFalse();
        assertThat(new ValueTest<>(0, Compare.ENDS_WITH, List.of("b", "c")).holds(value)).isTrue();
        assertThat(new ValueTest<>(0, Compare.ENDS_WITH, List.of("a", "b", "c", "d")).holds(value)).isFalse();
        assertThat(new ValueTest<>(0, Compare.CONTAINS, List.of("b")).holds(value)).isTrue();
        assertThat(new ValueTest<>(0, Compare.CONTAINS, List.of("c", "b")).holds(value)).isFalse();
    }

    @Test
    void aTextInTheFixedWordsOfAShape_needsNoTest_andOneAcrossAValue_testsItsCharacters() {
        // the REPORT shape above with an init duration, no trigger
        String cold = "3evvvvvv--------";
        assertThat(characters(cold, "Init Duration")).as("in the fixed text: only a status could hold it too")
                .singleElement().isEqualTo(new Way<>(List.of(new ValueTest<>(6, Compare.CONTAINS, chars("Init Duration")))));
        assertThat(characters(cold, "Memory Size: 512 MB")).contains(new Way<>(List.of(
                new ValueTest<>(MEMORY_SIZE, Compare.EQUALS, chars("512")))));
        assertThat(characters(cold, "Init Duration: 1")).contains(new Way<>(List.of(
                new ValueTest<>(5, Compare.STARTS_WITH, chars("1")))));
        assertThat(characters(cold, "RequestId: 8f50")).as("the request id is an id: hex").contains(new Way<>(List.of(
                new ValueTest<>(0, Compare.STARTS_WITH, chars("8f50")))));
        assertThat(characters(cold, "RequestId: XYZ")).as("no compact id holds capitals")
                .allSatisfy(w -> assertThat(w.tests()).noneMatch(t -> t.part() == 0));
    }

    @Test
    void aTextInTheFixedText_liesInEveryMessageOfTheShape_oneAcrossAValueOnlyInSome() {
        String cold = "3evvvvvv--------";
        assertThat(found(cold, "Init Duration").everywhere()).isTrue();
        assertThat(found(cold, "ms\tBilled Duration: ").everywhere()).isTrue();
        assertThat(found(cold, "Memory Size: 512 MB").everywhere()).isFalse();
        assertThat(found(cold, "Init Duration: 1").everywhere()).isFalse();
        assertThat(found(cold, "").everywhere()).isFalse();
    }

    private static List<Way<Character>> characters(String shape, String text) {
        return found(shape, text).ways();
    }

    private static PhraseInShape.Found<Character> found(String shape, String text) {
        return PhraseInShape.search(TemplatedText.characters(shape),
                (part, c) -> MessageContains.CHARACTERS.canHold(shape, part, c), chars(text));
    }

    private static List<Character> chars(String s) {
        return s.chars().mapToObj(c -> (char) c).toList();
    }

    private static List<Way<String>> ways(String... phrase) {
        return PhraseInShape.search(TemplatedText.tokens(REPORT),
                (part, words) -> PhraseTokens.INSTANCE.canHold(REPORT, part, words), List.of(phrase)).ways();
    }
}
