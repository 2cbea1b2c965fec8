package org.kuayu.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * A hostile WebSocket client on a plain socket, for tests: it speaks just enough RFC 6455 to upgrade, play the
 * page's side of Kuayu's handshake and then send, and reads only when told to. Its receive buffer is a few KiB, so
 * what the server sends and it does not read piles up in the server, not in this client's kernel.
 *
 * <pre>{@code
 * try (FloodClient flood = FloodClient.connect(uri, origin)) {
 *     flood.handshake();
 *     while (...) flood.send(MessageKind.MESSAGE, 0, bigJson);   // never reads
 *     int code = flood.readUntilClose(64 << 20);                   // finally looks: the server's close code
 * }
 * }</pre>
 */
public final class FloodClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private FloodClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Upgrades a socket to {@code uri} with this {@code Origin}; fails unless the server answers 101. */
    public static FloodClient connect(URI uri, String origin) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(20_000);
        FloodClient client = new FloodClient(socket);
        client.out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(client.in.readUnsignedByte());
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the upgrade was refused: " + head);
        }
        return client;
    }

    /** Plays the page's handshake: HEL in, SYN out, ACK in, RDY out, RDY in. */
    public void handshake() throws IOException {
        expect(MessageKind.HELLO);
        send(MessageKind.SYN, 0, "{\"v\":1,\"transport\":\"websocket\"}");
        expect(MessageKind.ACK);
        send(MessageKind.READY, 0, "");
        expect(MessageKind.READY);
    }

    /** Reads the next frame, which must be a Kuayu frame of {@code kind}. */
    public Message expect(MessageKind kind) throws IOException {
        Frame f = readFrame();
        Message m = WireCodec.decode(new String(f.payload, StandardCharsets.UTF_8));
        if (m.kind() != kind) {
            throw new AssertionError("expected " + kind + ", got " + m);
        }
        return m;
    }

    /** Sends a Kuayu frame on {@link WireClient#CHANNEL}, as one masked text message. */
    public void send(MessageKind kind, int number, String body) throws IOException {
        byte[] payload = WireCodec.encode(new Message(kind, WireClient.CHANNEL, number, body))
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * Reads (at last) what the server sent, frame by frame, until its close frame; returns the close code, or -1
     * if the connection ended first or more than {@code maxBytes} came before it.
     */
    public int readUntilClose(long maxBytes) throws IOException {
        long read = 0;
        while (read <= maxBytes) {
            Frame f;
            try {
                f = readFrame();
            } catch (IOException ended) {
                return -1;
            }
            read += f.payload.length;
            if (f.opcode == 8) {
                return f.payload.length >= 2 ? ((f.payload[0] & 0xff) << 8) | (f.payload[1] & 0xff) : 1005;
            }
        }
        return -1;
    }

    private Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private record Frame(int opcode, byte[] payload) {
    }
}
