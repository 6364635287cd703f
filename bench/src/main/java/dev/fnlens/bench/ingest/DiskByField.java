package dev.fnlens.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FieldsProducer;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;

/**
 * {@code java -cp bench/target/fnlens-bench.jar:src/target/fnlens.jar dev.fnlens.bench.ingest.DiskByField <day index
 * dir>} (the collector's jar holds its Lucene codec): where a collector's index spends its bytes, field by field.
 * Each field is copied alone (with the fields the index is sorted by) into a one-segment index written with the
 * index's own codec, and its doc values, postings and stored bytes are divided by the documents.
 * The sort fields' bytes are one row of their own; the other rows are net of them. Lucene has no per-field
 * size of its own; the one-segment copy is a little smaller than the live index's several segments.
 */
public final class DiskByField {
    private DiskByField() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DiskByField <index directory of one day, e.g. <data>/index/2026-11-27>");
            System.exit(2);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(args[0])))) {
            Codec codec = ((SegmentReader) reader.leaves().get(reader.leaves().size() - 1).reader())
                    .getSegmentInfo().info.getCodec();
            Sort sort = reader.leaves().get(0).reader().getMetaData().getSort();
            Set<String> sortFields = new TreeSet<>();
            for (SortField f : sort.getSort()) {
                sortFields.add(f.getField());
            }
            Set<String> fields = new TreeSet<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().getFieldInfos().forEach(fi -> fields.add(fi.name));
            }
            double docs = reader.numDocs();
            Sizes floor = copy(reader, codec, Set.of(), sortFields, sort);
            System.out.printf(Locale.ROOT, "%,d documents, %d segments%n%n", reader.numDocs(), reader.leaves().size());
            System.out.println("| field | doc values | postings and terms | stored | bytes per document |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.println(row(String.join(" + ", sortFields) + " (the index sort)", floor, docs));
            for (String field : fields) {
                if (!sortFields.contains(field)) {
                    Sizes alone = copy(reader, codec, Set.of(field), sortFields, sort);
                    System.out.println(row(field, alone.minus(floor), docs));
                }
            }
        }
    }

    private static String row(String name, Sizes s, double docs) {
        return String.format(Locale.ROOT, "| `%s` | %.2f | %.2f | %.2f | %.2f |", name, s.docValues / docs,
                s.postings / docs, s.stored / docs, s.total() / docs);
    }

    private record Sizes(long docValues, long postings, long stored) {
        long total() {
            return docValues + postings + stored;
        }

        Sizes minus(Sizes o) {
            return new Sizes(docValues - o.docValues, postings - o.postings, stored - o.stored);
        }
    }

    /** {@code codec}: the one the collector wrote the newest segment with, so stored bytes are counted as it stores. */
    private static Sizes copy(DirectoryReader reader, Codec codec, Set<String> fields, Set<String> sortFields,
                              Sort sort) throws IOException {
        Path out = Files.createTempDirectory("fnlens-disk-by-field");
        try {
            try (FSDirectory dir = FSDirectory.open(out);
                 IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setCodec(codec)
                         .setUseCompoundFile(false).setMergePolicy(NoMergePolicy.INSTANCE).setIndexSort(sort))) {
                List<CodecReader> only = new ArrayList<>();
                for (LeafReaderContext leaf : reader.leaves()) {
                    only.add(new OnlyFields((CodecReader) leaf.reader(), fields, sortFields));
                }
                writer.addIndexes(only.toArray(CodecReader[]::new)); // one merge: one segment
                writer.commit();
            }
            long dv = 0;
            long postings = 0;
            long stored = 0;
            try (Stream<Path> files = Files.list(out)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String name = p.getFileName().toString();
                    long size = Files.size(p);
                    if (name.endsWith(".dvd") || name.endsWith(".dvm")) {
                        dv += size;
                    } else if (name.endsWith(".doc") || name.endsWith(".pos") || name.endsWith(".tim")
                            || name.endsWith(".tip") || name.endsWith(".tmd") || name.endsWith(".psm")) {
                        postings += size;
                    } else if (name.endsWith(".fdt") || name.endsWith(".fdx") || name.endsWith(".fdm")) {
                        stored += size;
                    }
                }
            }
            return new Sizes(dv, postings, stored);
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(DiskByField::delete);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A segment that has only these fields (and the sort fields' doc values). */
    private static final class OnlyFields extends FilterCodecReader {
        private final FieldInfos infos;
        private final Set<String> kept;

        OnlyFields(CodecReader in, Set<String> fields, Set<String> sortFields) {
            super(in);
            List<FieldInfo> keep = new ArrayList<>();
            Set<String> kept = new TreeSet<>();
            for (FieldInfo fi : in.getFieldInfos()) {
                boolean sortOnly = sortFields.contains(fi.name) && fi.getIndexOptions() == IndexOptions.NONE
                        && !fi.hasVectors() && fi.getPointDimensionCount() == 0;
                if (fields.contains(fi.name) || sortOnly) {
                    keep.add(fi);
                    kept.add(fi.name);
                }
            }
            this.infos = new FieldInfos(keep.toArray(FieldInfo[]::new));
            this.kept = kept;
        }

        @Override
        public FieldInfos getFieldInfos() {
            return infos;
        }

        @Override
        public FieldsProducer getPostingsReader() {
            FieldsProducer all = super.getPostingsReader();
            return all == null ? null : new FieldsProducer() {
                @Override
                public Iterator<String> iterator() {
                    List<String> names = new ArrayList<>();
                    all.forEach(n -> {
                        if (kept.contains(n)) {
                            names.add(n);
                        }
                    });
                    return names.iterator();
                }

                @Override
                public Terms terms(String field) throws IOException {
                    return kept.contains(field) ? all.terms(field) : null;
                }

                @Override
                public int size() {
                    return -1;
                }

                @Override
                public void close() {
                }

                @Override
                public void checkIntegrity() {
                }
            };
        }

        @Override
        public StoredFieldsReader getFieldsReader() {
            StoredFieldsReader all = super.getFieldsReader();
            return new StoredFieldsReader() {
                @Override
                public void document(int doc, StoredFieldVisitor visitor) throws IOException {
                    all.document(doc, new StoredFieldVisitor() {
                        @Override
                        public Status needsField(FieldInfo fieldInfo) throws IOException {
                            return kept.contains(fieldInfo.name) ? visitor.needsField(fieldInfo) : Status.NO;
                        }

                        @Override
                        public void binaryField(FieldInfo fieldInfo, byte[] value) throws IOException {
                            visitor.binaryField(fieldInfo, value);
                        }

                        @Override
                        public void stringField(FieldInfo fieldInfo, String value) throws IOException {
                            visitor.stringField(fieldInfo, value);
                        }

                        @Override
                        public void intField(FieldInfo fieldInfo, int value) throws IOException {
                            visitor.intField(fieldInfo, value);
                        }

                        @Override
                        public void longField(FieldInfo fieldInfo, long value) throws IOException {
                            visitor.longField(fieldInfo, value);
                        }

                        @Override
                        public void floatField(FieldInfo fieldInfo, float value) throws IOException {
                            visitor.floatField(fieldInfo, value);
                        }

                        @Override
                        public void doubleField(FieldInfo fieldInfo, double value) throws IOException {
                            visitor.doubleField(fieldInfo, value);
                        }
                    });
                }

                @Override
                public StoredFieldsReader clone() {
                    return this;
                }

                @Override
                public void checkIntegrity() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public CacheHelper getCoreCacheHelper() {
            return null;
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }
    }
}
