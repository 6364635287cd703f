package dev.fnlens.collector.store;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Events with a {@link Schema#JSON_TERMS} term of the discovered field {@code name} whose value passes a test: each
 * distinct value of a segment is tested once, then its postings are the matches.
 */
public final class DiscoveredTermsQuery extends MultiTermQuery {
    private final String name;
    private final String description;
    private final Predicate<String> test;

    /**
     * @param description what the test is, for equality and toString: queries of a field with the same description
     *                    must test the same
     */
    public DiscoveredTermsQuery(String name, String description, Predicate<String> test) {
        super(Schema.JSON_TERMS, CONSTANT_SCORE_BLENDED_REWRITE);
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.test = Objects.requireNonNull(test);
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        BytesRef prefix = new BytesRef(name + Schema.JSON_SEPARATOR);
        return new FilteredTermsEnum(terms.iterator()) {
            {
                setInitialSeekTerm(prefix);
            }

            @Override
            protected AcceptStatus accept(BytesRef term) {
                if (!StringHelper.startsWith(term, prefix)) {
                    return AcceptStatus.END;
                }
                return test.test(term.utf8ToString().substring(name.length() + 1)) ? AcceptStatus.YES : AcceptStatus.NO;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return name + " " + description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveredTermsQuery q && super.equals(o) && q.name.equals(name)
                && q.description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), name, description);
    }
}
