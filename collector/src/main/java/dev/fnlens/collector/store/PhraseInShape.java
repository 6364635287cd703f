package dev.fnlens.collector.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The ways an exact phrase can lie in the messages of one shape ({@link TemplatedText#skeleton}), each as what the
 * values it crosses must hold. The fixed words of the shape are known; only a value's words differ from message to
 * message. "Memory Size: 512 MB" lies in a REPORT line only where its memory size's words are exactly {@code 512}:
 * checking that reads one column, where rendering the line to look for the phrase reads a dozen (and the request
 * id's block of terms).
 *
 * <p>A phrase lies in a message when its words are a run of the message's tokens: it starts at a fixed word or
 * inside a value, and every value it crosses whole has exactly its words there. Ways whose tests all hold nowhere
 * but in a fixed text (no test at all) are left out: the shapes alone answer those ({@link TemplatedSearch}).
 */
final class PhraseInShape {
    /** How a value's words must compare with some of the phrase's words. */
    enum Compare { EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS }

    /** The words of part {@code part}'s value compare so with {@code words}. */
    record ValueTest(int part, Compare compare, List<String> words) {
        boolean holds(List<String> value) {
            int n = words.size();
            return switch (compare) {
                case EQUALS -> value.equals(words);
                case STARTS_WITH -> value.size() >= n && value.subList(0, n).equals(words);
                case ENDS_WITH -> value.size() >= n && value.subList(value.size() - n, value.size()).equals(words);
                case CONTAINS -> indexOf(value, words) >= 0;
            };
        }

        private static int indexOf(List<String> value, List<String> words) {
            for (int i = 0; i + words.size() <= value.size(); i++) {
                if (value.subList(i, i + words.size()).equals(words)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One way the phrase lies in a message of the shape: every test holds. */
    record Way(List<ValueTest> tests) {
        /** Every word the tests need among the message's values' words. */
        Set<String> words() {
            Set<String> words = new LinkedHashSet<>();
            tests.forEach(t -> words.addAll(t.words()));
            return words;
        }
    }

    private PhraseInShape() {
    }

    /**
     * @param skeleton the shape's tokens, {@link TemplatedText#VALUE} for each value with words
     * @param slots    the part of each of those values, in order
     * @param numeric  whether a part's value is a number (its words digits only)
     * @param phrase   the phrase's words, at consecutive positions
     */
    static List<Way> ways(List<String> skeleton, List<Integer> slots, IntPredicate numeric, List<String> phrase) {
        if (phrase.isEmpty()) {
            return List.of(); // no words: in no message
        }
        int[] partAt = new int[skeleton.size()];
        for (int i = 0, slot = 0; i < skeleton.size(); i++) {
            partAt[i] = TemplatedText.VALUE.equals(skeleton.get(i)) ? slots.get(slot++) : -1;
        }
        Ways ways = new Ways(skeleton, partAt, numeric, phrase);
        for (int start = 0; start < skeleton.size(); start++) {
            if (partAt[start] < 0) {
                ways.from(start, 0, List.of());
                continue;
            }
            // the phrase starts inside this value: it is all in there, or its first words end the value
            ways.add(List.of(new ValueTest(partAt[start], Compare.CONTAINS, phrase)));
            for (int k = 1; k < phrase.size(); k++) {
                ways.from(start + 1, k, List.of(new ValueTest(partAt[start], Compare.ENDS_WITH, phrase.subList(0, k))));
            }
        }
        return ways.found;
    }

    /** Whether some way holds for a message whose part values have the words {@code valueWords} gives. */
    static boolean holds(List<Way> ways, IntFunction<List<String>> valueWords) {
        for (Way way : ways) {
            boolean all = true;
            for (int i = 0; i < way.tests().size() && all; i++) {
                ValueTest test = way.tests().get(i);
                all = test.holds(valueWords.apply(test.part()));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The search: the phrase's word {@code j} at the skeleton's token {@code i}, with the tests so far. */
    private record Ways(List<String> skeleton, int[] partAt, IntPredicate numeric, List<String> phrase,
                        List<Way> found) {
        Ways(List<String> skeleton, int[] partAt, IntPredicate numeric, List<String> phrase) {
            this(skeleton, partAt, numeric, phrase, new ArrayList<>());
        }

        void from(int i, int j, List<ValueTest> tests) {
            if (j == phrase.size()) {
                add(tests);
                return;
            }
            if (i == skeleton.size()) {
                return;
            }
            if (partAt[i] < 0) {
                if (skeleton.get(i).equals(phrase.get(j))) {
                    from(i + 1, j + 1, tests);
                }
                return;
            }
            // the value is the next k words and the phrase goes on after it, or the phrase ends in the value
            for (int k = 1; j + k < phrase.size(); k++) {
                from(i + 1, j + k, with(tests, new ValueTest(partAt[i], Compare.EQUALS, phrase.subList(j, j + k))));
            }
            add(with(tests, new ValueTest(partAt[i], Compare.STARTS_WITH, phrase.subList(j, phrase.size()))));
        }

        /** Keeps a way that tests some value and can hold: a number's words are digits. */
        void add(List<ValueTest> tests) {
            if (tests.isEmpty()) {
                return; // the phrase lies in the fixed words: every message of the shape has it
            }
            for (ValueTest test : tests) {
                if (numeric.test(test.part()) && !test.words().stream().allMatch(PhraseInShape::digits)) {
                    return;
                }
            }
            Way way = new Way(List.copyOf(tests));
            if (!found.contains(way)) {
                found.add(way);
            }
        }

        private static List<ValueTest> with(List<ValueTest> tests, ValueTest test) {
            List<ValueTest> more = new ArrayList<>(tests);
            more.add(test);
            return more;
        }
    }

    private static boolean digits(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
