package dev.fnlens.agent.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Plain HTTP over a non-blocking channel and its own selector, so that connecting, writing and reading
 * all stop at the deadline: a collector that accepts and never reads cannot hold the export thread in a
 * write (a blocking socket's timeout covers reads only).
 */
final class PlainConnection implements Connection {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private PlainConnection(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    static PlainConnection open(InetSocketAddress address, long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            PlainConnection connection = new PlainConnection(channel, selector, key);
            if (!channel.connect(address)) {
                while (!channel.finishConnect()) {
                    connection.await(SelectionKey.OP_CONNECT, deadlineNanos);
                }
            }
            return connection;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(channel, selector);
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadlineNanos);
            }
        }
    }

    @Override
    public int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
        while (true) {
            int n = channel.read(buffer);
            if (n != 0) {
                return n;
            }
            await(SelectionKey.OP_READ, deadlineNanos);
        }
    }

    @Override
    public boolean idleAndOpen() {
        try {
            return channel.isOpen() && channel.read(ByteBuffer.allocate(1)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void await(int op, long deadlineNanos) throws IOException {
        key.interestOps(op);
        selector.select(Connection.millisLeft(deadlineNanos));
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    @Override
    public void close() {
        closeQuietly(channel, selector);
    }

    private static void closeQuietly(SocketChannel channel, Selector selector) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
