package dev.fnlens.bench.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Request bodies encoded before the clock starts, so that the benchmark measures the
 * servers and not the generator (which would otherwise compete for the same two cores).
 * Format per batch: {@code int events | int bodies | (byte kind | int length | bytes)*}.
 */
public final class BatchFile {
    private BatchFile() {
    }

    public static final class Writer implements AutoCloseable {
        private final DataOutputStream out;

        public Writer(Path file) throws IOException {
            OutputStream os = Files.newOutputStream(file);
            this.out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20));
        }

        public void write(Batch batch) throws IOException {
            out.writeInt(batch.events());
            out.writeInt(batch.bodies().size());
            for (Batch.Body body : batch.bodies()) {
                out.writeByte(body.kind().ordinal());
                out.writeInt(body.bytes().length);
                out.write(body.bytes());
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Hands batches out one at a time to any number of sender threads. */
    public static final class Reader implements AutoCloseable {
        private final DataInputStream in;

        public Reader(Path file) throws IOException {
            InputStream is = Files.newInputStream(file);
            this.in = new DataInputStream(new BufferedInputStream(is, 1 << 20));
        }

        /** The next batch, or null at the end. */
        public synchronized Batch next() throws IOException {
            int events;
            try {
                events = in.readInt();
            } catch (EOFException end) {
                return null;
            }
            int n = in.readInt();
            List<Batch.Body> bodies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Batch.Kind kind = Batch.Kind.values()[in.readByte()];
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                bodies.add(new Batch.Body(kind, bytes));
            }
            return new Batch(events, bodies);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
