package dev.fnlens.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The ways a phrase can lie in the messages of one shape, each as what the values it crosses must hold. A phrase is
 * a run of tokens ({@link TemplatedText#skeleton}: the words of {@code @message}) or of characters (a {@code like}
 * text, {@link MessageContains}). The fixed text of the shape is known; only its values differ from message to
 * message. "Memory Size: 512 MB" lies in a REPORT line only where its memory size is exactly {@code 512}: checking
 * that reads one column, where rendering the line to look for the phrase reads a dozen (and the request id's block
 * of terms).
 *
 * <p>A phrase lies in a message when it is a run of the message's elements: it starts in the fixed text or inside a
 * value, and every value it crosses whole is exactly that part of it. A phrase in the fixed text alone needs no test:
 * every message of the shape has it ({@link Found#everywhere}), which the caller answers by the shape.
 * The elements ({@code E}) are tokens ({@code String}) or characters.
 */
final class PhraseInShape {
    /** How a value's elements must compare with some of the phrase's. */
    enum Compare {
        EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS;

        /**
         * Whether a value of {@code length} elements compares so with {@code n} elements, {@code at} telling whether
         * they stand in the value from a position on.
         */
        boolean holds(int length, int n, IntPredicate at) {
            return switch (this) {
                case EQUALS -> length == n && at.test(0);
                case STARTS_WITH -> length >= n && at.test(0);
                case ENDS_WITH -> length >= n && at.test(length - n);
                case CONTAINS -> {
                    for (int from = 0; from + n <= length; from++) {
                        if (at.test(from)) {
                            yield true;
                        }
                    }
                    yield false;
                }
            };
        }
    }

    /** The elements of part {@code part}'s value compare so with {@code words}. */
    record ValueTest<E>(int part, Compare compare, List<E> words) {
        boolean holds(List<E> value) {
            int n = words.size();
            return compare.holds(value.size(), n, from -> value.subList(from, from + n).equals(words));
        }
    }

    /** One way the phrase lies in a message of the shape: every test holds. */
    record Way<E>(List<ValueTest<E>> tests) {
    }

    /**
     * What a shape's messages are made of: its fixed elements, and in between its values, each one element of
     * {@code skeleton} whose {@code partAt} is the part (-1 for a fixed element).
     *
     * @param emptyValues whether a value can have no elements (a text written as {@code ""}; a value with words
     *                    has one at least)
     */
    record Shape<E>(List<E> skeleton, int[] partAt, boolean emptyValues) {
    }

    private PhraseInShape() {
    }

    /**
     * Where a phrase lies in a shape's messages.
     *
     * @param everywhere whether it lies in the fixed text itself, so in every message of the shape
     * @param ways       the ways it lies across or inside values
     */
    record Found<E>(boolean everywhere, List<Way<E>> ways) {
    }

    /**
     * @param canHold whether a part's value can have these elements at all (a number's words are digits)
     * @param phrase  the phrase's elements, in a row
     */
    static <E> Found<E> search(Shape<E> shape, BiPredicate<Integer, List<E>> canHold, List<E> phrase) {
        if (phrase.isEmpty()) {
            return new Found<>(false, List.of()); // nothing: in no message
        }
        Ways<E> ways = new Ways<>(shape, canHold, phrase);
        int[] partAt = shape.partAt();
        for (int start = 0; start < partAt.length; start++) {
            if (partAt[start] < 0) {
                ways.from(start, 0, List.of());
                continue;
            }
            // the phrase starts inside this value: it is all in there, or its first elements end the value
            ways.add(List.of(new ValueTest<>(partAt[start], Compare.CONTAINS, phrase)));
            for (int k = 1; k < phrase.size(); k++) {
                ways.from(start + 1, k, List.of(new ValueTest<>(partAt[start], Compare.ENDS_WITH, phrase.subList(0, k))));
            }
        }
        return new Found<>(ways.everywhere, ways.found);
    }

    /** Whether some way holds for a message whose part values have the elements {@code valueOf} gives. */
    static <E> boolean holds(List<Way<E>> ways, IntFunction<List<E>> valueOf) {
        for (Way<E> way : ways) {
            boolean all = true;
            for (int i = 0; i < way.tests().size() && all; i++) {
                ValueTest<E> test = way.tests().get(i);
                all = test.holds(valueOf.apply(test.part()));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The search: the phrase's element {@code j} at the skeleton's element {@code i}, with the tests so far. */
    private static final class Ways<E> {
        private final Shape<E> shape;
        private final BiPredicate<Integer, List<E>> canHold;
        private final List<E> phrase;
        private final List<Way<E>> found = new ArrayList<>();
        private boolean everywhere;

        Ways(Shape<E> shape, BiPredicate<Integer, List<E>> canHold, List<E> phrase) {
            this.shape = shape;
            this.canHold = canHold;
            this.phrase = phrase;
        }

        void from(int i, int j, List<ValueTest<E>> tests) {
            if (j == phrase.size()) {
                add(tests);
                return;
            }
            List<E> skeleton = shape.skeleton();
            if (i == skeleton.size()) {
                return;
            }
            int part = shape.partAt()[i];
            if (part < 0) {
                if (skeleton.get(i).equals(phrase.get(j))) {
                    from(i + 1, j + 1, tests);
                }
                return;
            }
            // the value is the next k elements and the phrase goes on after it, or the phrase ends in the value
            for (int k = shape.emptyValues() ? 0 : 1; j + k < phrase.size(); k++) {
                from(i + 1, j + k, with(tests, new ValueTest<>(part, Compare.EQUALS, phrase.subList(j, j + k))));
            }
            add(with(tests, new ValueTest<>(part, Compare.STARTS_WITH, phrase.subList(j, phrase.size()))));
        }

        /** Keeps a way that tests some value and can hold. */
        void add(List<ValueTest<E>> tests) {
            if (tests.isEmpty()) {
                everywhere = true; // the phrase lies in the fixed text: every message of the shape has it
                return;
            }
            for (ValueTest<E> test : tests) {
                if (!canHold.test(test.part(), test.words())) {
                    return;
                }
            }
            Way<E> way = new Way<>(List.copyOf(tests));
            if (!found.contains(way)) {
                found.add(way);
            }
        }

        private static <E> List<ValueTest<E>> with(List<ValueTest<E>> tests, ValueTest<E> test) {
            List<ValueTest<E>> more = new ArrayList<>(tests);
            more.add(test);
            return more;
        }
    }
}
