package org.kuayu.websocket;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.sim.SimWebSocket;
import org.kuayu.core.sim.SimWebSocketServer;
import org.kuayu.core.wire.Message;
import org.kuayu.core.wire.MessageKind;
import org.kuayu.core.wire.WireCodec;

/**
 * The remote side of the handshake as a Kuayu WebSocket server speaks it, on the simulated browser: {@code HEL} with a
 * fresh session per socket, {@code ACK} to {@code SYN}, {@code RDY} to {@code RDY}; requests answered with
 * {@code {"echo": request}}, except those whose text contains "silent".
 */
final class ScriptedKuayuServer implements SimWebSocketServer.Handler {
    final List<String> messages = new ArrayList<String>();
    final List<String> kinds = new ArrayList<String>();
    final List<String> replies = new ArrayList<String>();
    private int sessions;

    @Override
    public void onOpen(SimWebSocket socket) {
        sessions++;
        socket.sendToPage(WireCodec.encode(new Message(MessageKind.HELLO, "", 0, "session" + sessions)));
    }

    @Override
    public void onText(SimWebSocket socket, String text) {
        Message m = WireCodec.decode(text);
        kinds.add(m.kind().code());
        switch (m.kind()) {
            case SYN:
                socket.sendToPage(WireCodec.encode(new Message(MessageKind.ACK, m.channel(), 0,
                        "{\"session\":\"session" + sessions + "\"}")));
                return;
            case READY:
                socket.sendToPage(WireCodec.encode(new Message(MessageKind.READY, m.channel(), 0, "")));
                return;
            case MESSAGE:
                messages.add(m.body());
                return;
            case REQUEST:
                if (!m.body().contains("silent")) {
                    socket.sendToPage(WireCodec.encode(new Message(MessageKind.RESPONSE, m.channel(), m.number(),
                            "{\"echo\":" + m.body() + "}")));
                }
                return;
            case RESPONSE:
            case ERROR:
                replies.add(m.kind().code() + " " + m.body());
                return;
            default:
                return;
        }
    }

    /** Sends a frame of {@code kind} on the channel the page bound, to every open socket of {@code server}. */
    static void push(SimWebSocketServer server, MessageKind kind, int number, String body, String channel) {
        for (SimWebSocket s : server.connections()) {
            s.sendToPage(WireCodec.encode(new Message(kind, channel, number, body)));
        }
    }
}
