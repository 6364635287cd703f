package dev.fnlens.collector.query.columnar;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.query.runtime.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Weight;

/**
 * The groups of one aggregation, numbered 0, 1, … across all segments. Each key has a dictionary of its values, by
 * the value the engine groups by ({@link Values#key}: 200 and 200.0 are one group) with the first one seen shown;
 * per segment, a keyword's ordinals and a discovered field's terms are mapped to dictionary ids once (not a string
 * per event) and a time bin is looked up only when the time leaves the last bin (segments are sorted by time).
 */
final class Groups {
    /** Told when a group is added, so that the aggregates can make room. */
    interface Listener {
        void added(int groups);
    }

    private final List<StatsShape.Key> keys;
    private final List<Map<Object, Integer>> dictionaries = new ArrayList<>();
    private final List<List<Object>> dictionaryValues = new ArrayList<>();
    private final LongIntMap pairs = new LongIntMap();
    private final List<Object[]> groupKeys = new ArrayList<>();
    private final Listener listener;

    Groups(List<StatsShape.Key> keys, Listener listener) {
        this.keys = keys;
        this.listener = listener;
        for (int i = 0; i < keys.size(); i++) {
            dictionaries.add(new HashMap<>());
            dictionaryValues.add(new ArrayList<>());
        }
        if (keys.isEmpty()) {
            newGroup(new Object[0]); // one group, even when nothing matches
        }
    }

    /** Each group's key values, in group order. */
    List<Object[]> keys() {
        return groupKeys;
    }

    int size() {
        return groupKeys.size();
    }

    /**
     * Finds the groups of one segment's documents (in increasing order).
     *
     * @param withoutTerm for each discovered key, see {@link DiscoveredValues#open}
     */
    Segment open(LeafReaderContext context, Map<String, Weight> withoutTerm) throws IOException {
        LeafReader leaf = context.reader();
        KeyReader[] readers = new KeyReader[keys.size()];
        for (int i = 0; i < readers.length; i++) {
            StatsShape.Key k = keys.get(i);
            readers[i] = k instanceof StatsShape.Keyword w ? new KeywordReader(i, DocValues.getSorted(leaf, w.field()))
                    : k instanceof StatsShape.Discovered d ? new DiscoveredReader(i,
                            DiscoveredValues.open(d.field(), context, withoutTerm.get(d.field())))
                    : SegmentFacts.sortedByTime(leaf) ? new BinRuns(i, leaf, (StatsShape.Bin) k)
                    : new BinReader(i, DocValues.getNumeric(leaf, LogEvent.TIMESTAMP), (StatsShape.Bin) k);
        }
        return switch (readers.length) {
            case 0 -> doc -> 0;
            case 1 -> readers[0]::id; // one key: its dictionary is the groups
            default -> new Segment() {
                private long last = -1;
                private int lastGroup;

                @Override
                public int group(int doc) throws IOException {
                    long pair = (long) readers[0].id(doc) << 32 | readers[1].id(doc);
                    if (pair != last) {
                        last = pair;
                        lastGroup = pairGroup(pair);
                    }
                    return lastGroup;
                }
            };
        };
    }

    /** The group of these key values (as {@link #keys} holds them), added when new. */
    int groupOf(Object[] values) {
        return switch (keys.size()) {
            case 0 -> 0;
            case 1 -> id(0, values[0]);
            default -> pairGroup((long) id(0, values[0]) << 32 | id(1, values[1]));
        };
    }

    /** The group of a time bin, when the only key is a bin (or of everything, when there is no key). */
    int binGroup(long bin) {
        return keys.isEmpty() ? 0 : id(0, bin);
    }

    @FunctionalInterface
    interface Segment {
        int group(int doc) throws IOException;
    }

    private int pairGroup(long pair) {
        int g = pairs.get(pair);
        if (g < 0) {
            g = newGroup(new Object[] {dictionaryValues.get(0).get((int) (pair >>> 32)),
                    dictionaryValues.get(1).get((int) pair)});
            pairs.put(pair, g);
        }
        return g;
    }

    /** The id of a key value in its dictionary; with one key, also the group. */
    private int id(int key, Object value) {
        Object grouped = Values.key(value);
        Integer id = dictionaries.get(key).get(grouped);
        if (id == null) {
            id = dictionaryValues.get(key).size();
            dictionaryValues.get(key).add(value);
            dictionaries.get(key).put(grouped, id);
            if (keys.size() == 1) {
                newGroup(new Object[] {value});
            }
        }
        return id;
    }

    private int newGroup(Object[] values) {
        groupKeys.add(values);
        listener.added(groupKeys.size());
        return groupKeys.size() - 1;
    }

    private interface KeyReader {
        int id(int doc) throws IOException;
    }

    /** A keyword's ordinals, mapped to dictionary ids on first sight; a missing value is the key null. */
    private final class KeywordReader implements KeyReader {
        private final int key;
        private final SortedDocValues values;
        private final int[] ids;
        private int missing = -1;

        KeywordReader(int key, SortedDocValues values) {
            this.key = key;
            this.values = values;
            this.ids = new int[values.getValueCount()];
            java.util.Arrays.fill(ids, -1);
        }

        @Override
        public int id(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                if (missing < 0) {
                    missing = Groups.this.id(key, NULL);
                }
                return missing;
            }
            int ord = values.ordValue();
            int id = ids[ord];
            if (id < 0) {
                id = Groups.this.id(key, values.lookupOrd(ord).utf8ToString());
                ids[ord] = id;
            }
            return id;
        }
    }

    /** A discovered field's terms, mapped to dictionary ids on first sight; the values without one read per event. */
    private final class DiscoveredReader implements KeyReader {
        private final int key;
        private final DiscoveredValues values;
        private final int[] termIds;

        DiscoveredReader(int key, DiscoveredValues values) {
            this.key = key;
            this.values = values;
            this.termIds = new int[values.termCount()];
            java.util.Arrays.fill(termIds, -1);
        }

        @Override
        public int id(int doc) throws IOException {
            int ord = values.ord(doc);
            if (ord < 0) {
                Object value = ord == DiscoveredValues.READ ? values.read(doc) : null;
                return Groups.this.id(key, value == null ? NULL : value);
            }
            if (termIds[ord] < 0) {
                termIds[ord] = Groups.this.id(key, values.term(ord));
            }
            return termIds[ord];
        }
    }

    /** bin(p) of @timestamp, as the engine's datefloor computes it (an event without a time is at 0), read per event. */
    private final class BinReader implements KeyReader {
        private final int key;
        private final NumericDocValues times;
        private final StatsShape.Bin bin;
        private long from = 1;
        private long to = 0; // [from, to): the last bin; empty at first
        private int id;

        BinReader(int key, NumericDocValues times, StatsShape.Bin bin) {
            this.key = key;
            this.times = times;
            this.bin = bin;
        }

        @Override
        public int id(int doc) throws IOException {
            long t = times.advanceExact(doc) ? times.longValue() : 0;
            if (t < from || t >= to) {
                from = bin.start(t);
                to = bin.end(t);
                id = Groups.this.id(key, from);
            }
            return id;
        }
    }

    /**
     * bin(p) in a segment sorted by time: each bin's events are a run of documents, so the time is read at a run's
     * first document and the run's end found by a binary search ({@link RangeCounts#firstAtLeast}), not read per event.
     */
    private final class BinRuns implements KeyReader {
        private final int key;
        private final LeafReader leaf;
        private final StatsShape.Bin bin;
        private int end; // [.., end): the documents of the last bin
        private int id;

        BinRuns(int key, LeafReader leaf, StatsShape.Bin bin) {
            this.key = key;
            this.leaf = leaf;
            this.bin = bin;
        }

        @Override
        public int id(int doc) throws IOException {
            if (doc >= end) {
                long t = SegmentFacts.timeAt(leaf, doc);
                long until = bin.end(t);
                end = until <= t ? leaf.maxDoc() : RangeCounts.firstAtLeast(leaf, until, doc + 1, leaf.maxDoc());
                id = Groups.this.id(key, bin.start(t));
            }
            return id;
        }
    }

    /** The dictionary entry of a missing key value (a map cannot hold null keys in every implementation). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "missing";
        }
    };

    /** The key values as the engine shows them: null for missing. */
    static Object[] shown(Object[] values) {
        Object[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == NULL) {
                out[i] = null;
            }
        }
        return out;
    }
}
