package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.collector.store.PhraseInShape.Shape;
import dev.fnlens.collector.store.PhraseInShape.ValueTest;
import dev.fnlens.collector.store.PhraseInShape.Way;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A phrase over templated messages as a query of the ways it can lie in them ({@link PhraseInShape}): for each way,
 * the messages of the shapes it can lie in whose values pass its tests. A test is answered by the index where it can
 * be (a number equal to a value is a range of its column: "Memory Size: 512 MB" is {@code @memorySize} at
 * 512,000,000), else it narrows the candidates as it can and is checked on the value alone ({@link ValuesHold}).
 *
 * @param <E> the phrase's elements: tokens ({@link TemplatedPhrase}) or characters ({@link MessageContains})
 */
final class PhraseByShape<E> {
    /** What the phrase is made of, and what the index can answer of a test. */
    interface Elements<E> {
        /** The shape's messages as elements; null for a term that is no shape. */
        Shape<E> shape(String shape);

        /** Whether the part's value, in messages of this shape, can have these elements at all. */
        boolean canHold(String shape, int part, List<E> elements);

        /** The events whose value passes the test, exactly; null when the index cannot tell. */
        Query exactly(Part part, ValueTest<E> test);

        /** Events among which are all whose value passes the test; null for no narrowing. */
        Query candidates(Part part, ValueTest<E> test);

        /** A value as written, as elements. */
        List<E> of(String value);
    }

    /** Of one phrase's query: a few phrases must fit in Lucene's limit for a whole query (LuceneStore's). */
    private static final int MAX_CLAUSES = 256;

    private final Elements<E> elements;

    private PhraseByShape(Elements<E> elements) {
        this.elements = elements;
    }

    /** The query; null when it would take more than {@value #MAX_CLAUSES} clauses (many shapes, a long phrase). */
    static <E> Query of(IndexReader reader, List<E> phrase, Elements<E> elements) throws IOException {
        return new PhraseByShape<>(elements).query(reader, phrase);
    }

    private Query query(IndexReader reader, List<E> phrase) throws IOException {
        Map<TemplateWay<E>, List<BytesRef>> shapesOfWay = new LinkedHashMap<>();
        List<BytesRef> whole = new ArrayList<>(); // shapes whose fixed text has the phrase: every message of them
        Terms shapes = MultiTerms.getTerms(reader, TemplatedText.SHAPE);
        TermsEnum it = shapes == null ? TermsEnum.EMPTY : shapes.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
            String shape = term.utf8ToString();
            Shape<E> made = elements.shape(shape);
            if (made == null) {
                continue;
            }
            int template = TemplatedText.template(shape);
            PhraseInShape.Found<E> found = PhraseInShape.search(made, (part, e) -> elements.canHold(shape, part, e), phrase);
            if (found.everywhere()) {
                whole.add(BytesRef.deepCopyOf(term));
                continue;
            }
            for (Way<E> way : found.ways()) {
                shapesOfWay.computeIfAbsent(new TemplateWay<>(template, way), w -> new ArrayList<>())
                        .add(BytesRef.deepCopyOf(term));
            }
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = 0;
        if (!whole.isEmpty()) {
            any.add(new TermInSetQuery(TemplatedText.SHAPE, whole), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        for (Map.Entry<TemplateWay<E>, List<BytesRef>> e : shapesOfWay.entrySet()) {
            any.add(wayQuery(e.getKey(), e.getValue()), BooleanClause.Occur.SHOULD);
            clauses += 2 + e.getKey().way().tests().size();
            if (clauses > MAX_CLAUSES) {
                return null;
            }
        }
        return clauses == 0 ? new MatchNoDocsQuery("no shape holds the phrase") : any.build();
    }

    /** The messages of these shapes in which the way's tests hold. */
    private Query wayQuery(TemplateWay<E> way, List<BytesRef> shapes) {
        BooleanQuery.Builder all = new BooleanQuery.Builder()
                .add(new TermInSetQuery(TemplatedText.SHAPE, shapes), BooleanClause.Occur.FILTER);
        List<ValueTest<E>> checked = new ArrayList<>();
        for (ValueTest<E> test : way.way().tests()) {
            Part part = MessageTemplates.PARTS.get(way.template()).get(test.part());
            Query exactly = elements.exactly(part, test);
            if (exactly != null) {
                all.add(exactly, BooleanClause.Occur.FILTER);
                continue;
            }
            Query candidates = elements.candidates(part, test);
            if (candidates != null) {
                all.add(candidates, BooleanClause.Occur.FILTER);
            }
            checked.add(test);
        }
        if (!checked.isEmpty()) {
            all.add(new ValuesHold<>(way.template(), new Way<>(checked), elements::of), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    /** A way of the phrase in messages of one template: the parts its tests name are that template's. */
    private record TemplateWay<E>(int template, Way<E> way) {
    }

    /**
     * Messages in which the tests of one way hold, their values read alone. Only a filter beside the shapes' terms and
     * the tests' candidates, which lead: alone it would read every document.
     */
    private static final class ValuesHold<E> extends CheckedFilter {
        private final int template;
        private final Way<E> way;
        private final Function<String, List<E>> elementsOf;

        ValuesHold(int template, Way<E> way, Function<String, List<E>> elementsOf) {
            this.template = template;
            this.way = way;
            this.elementsOf = elementsOf;
        }

        @Override
        Check check(LeafReaderContext context) throws IOException {
            List<Part> parts = MessageTemplates.PARTS.get(template);
            List<Way<E>> ways = List.of(way);
            List<List<E>> values = new ArrayList<>(Collections.nCopies(parts.size(), null));
            EventColumns columns = new EventColumns(context.reader());
            return doc -> {
                columns.moveTo(doc);
                Collections.fill(values, null);
                return PhraseInShape.holds(ways, part -> {
                    if (values.get(part) == null) {
                        String value = MessageTemplates.valueOf(parts.get(part), columns::get);
                        values.set(part, value == null ? List.of() : elementsOf.apply(value));
                    }
                    return values.get(part);
                });
            };
        }

        @Override
        float cost() {
            return 200; // reads a value or two and cuts it up
        }

        @Override
        public String toString(String field) {
            return "values of template " + template + " hold " + way;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && template == ((ValuesHold<?>) other).template
                    && way.equals(((ValuesHold<?>) other).way);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * classHash() + template) + way.hashCode();
        }
    }
}
