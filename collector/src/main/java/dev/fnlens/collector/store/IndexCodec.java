package dev.fnlens.collector.store;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.LZ4WithPresetDictCompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's codec with stored fields in 16 KB blocks instead of 80 KB. A search reads each hit's message alone, and
 * its hits are far apart, so every hit decompresses the preset dictionary and the sub-block that holds it: about
 * 2.3 KB here against 12 KB, which made reading a search's 100 hits over the benchmark's 10 M events 0.41 → 0.11 ms
 * (docs/benchmarks.md, "Ingest and disk, 2026-11-27 (sixth session)"). Stored messages take about a third more bytes,
 * which {@link StoredMessage}'s shorter application lines more than pay for. Found by name ({@value #NAME},
 * {@code META-INF/services}) when a segment is opened: the name and the format must stay readable as long as indexes
 * written with them are.
 */
public final class IndexCodec extends FilterCodec {
    static final String NAME = "Fnlens912";
    private static final int BLOCK_BYTES = 16 * 1024;
    private static final int MAX_DOCS_PER_BLOCK = 1024;
    private static final int BLOCKS_PER_INDEX_BLOCK_SHIFT = 10;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "FnlensStoredFields16k", new LZ4WithPresetDictCompressionMode(), BLOCK_BYTES, MAX_DOCS_PER_BLOCK,
            BLOCKS_PER_INDEX_BLOCK_SHIFT);

    /** For Lucene's service loader; the collector uses it through {@link Partition}. */
    public IndexCodec() {
        super(NAME, new Lucene912Codec(Lucene912Codec.Mode.BEST_SPEED));
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
