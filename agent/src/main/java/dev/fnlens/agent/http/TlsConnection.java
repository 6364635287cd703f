package dev.fnlens.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTPS over the JDK's default TLS socket, the server's name verified. Connecting, the handshake and reads
 * stop at the deadline; a write to a peer that stops reading can block until the connection breaks (a
 * blocking socket has no write timeout). It holds only the export thread: the function never waits for it.
 */
final class TlsConnection implements Connection {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsConnection(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TlsConnection open(InetSocketAddress address, String host, SSLSocketFactory factory, long deadlineNanos)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(address, (int) Math.min(Integer.MAX_VALUE, Connection.millisLeft(deadlineNanos)));
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, address.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(timeout(deadlineNanos));
            socket.startHandshake();
            return new TlsConnection(socket);
        } catch (IOException | RuntimeException | Error e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length, long deadlineNanos) throws IOException {
        Connection.millisLeft(deadlineNanos);
        out.write(bytes, offset, length);
        out.flush();
    }

    @Override
    public int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException {
        socket.setSoTimeout(timeout(deadlineNanos));
        return in.read(into, offset, length);
    }

    @Override
    public boolean idleAndOpen() {
        try {
            return !socket.isClosed() && !socket.isInputShutdown() && in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static int timeout(long deadlineNanos) throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, Connection.millisLeft(deadlineNanos));
    }
}
