package org.kuayu.postmessage;

import org.kuayu.core.platform.Platform;
import org.kuayu.core.platform.PortHandle;
import org.kuayu.core.platform.PortPair;
import org.kuayu.core.platform.TextListener;
import org.kuayu.core.stack.TransportListener;

/**
 * The private path of {@link PostMessageTransport}: two one-way MessageChannels. This side posts into the channel it
 * created ({@link #offer}) and listens on the end the peer handed over ({@link #accept}); the far end of its own
 * channel waits in {@link #takeTransfer} until it rides along with a window frame. It is usable once both halves
 * exist and its own far end is handed over.
 */
final class PrivatePath {
    private final Platform platform;
    private final TransportListener listener;
    /** Ours: the end of our MessageChannel we post into. */
    private PortHandle sendPort;
    /** The peer's: the far end of its MessageChannel, which it posts into. */
    private PortHandle receivePort;
    /** The far end of {@link #sendPort}, to hand over with the next window frame. */
    private PortHandle transfer;

    PrivatePath(Platform platform, TransportListener listener) {
        this.platform = platform;
        this.listener = listener;
    }

    /** True when frames can go over it. */
    boolean isUsable() {
        return sendPort != null && receivePort != null && transfer == null;
    }

    void post(String text) {
        sendPort.post(text);
    }

    /** The port to hand over with the next window frame, once; null when there is none. */
    PortHandle takeTransfer() {
        PortHandle carried = transfer;
        transfer = null;
        return carried;
    }

    /** Creates this side's channel; false when the browser has none. */
    boolean offer() {
        close(sendPort);
        sendPort = null;
        PortPair pair = platform.createMessageChannel();
        if (pair == null) {
            transfer = null;
            return false;
        }
        sendPort = pair.local();
        transfer = pair.remote();
        return true;
    }

    /** Listens on the peer's half; frames on it are reported as from {@code origin}. */
    boolean accept(Object attachment, final String origin) {
        if (!(attachment instanceof PortHandle)) {
            return false;
        }
        close(receivePort);
        final PortHandle adopted = (PortHandle) attachment;
        receivePort = adopted;
        adopted.listen(new TextListener() {
            @Override
            public void onText(String text) {
                if (receivePort == adopted) {
                    listener.onFrame(text, origin, null);
                }
            }
        });
        return true;
    }

    void drop() {
        close(sendPort);
        close(receivePort);
        sendPort = null;
        receivePort = null;
        transfer = null;
    }

    private static void close(PortHandle port) {
        if (port != null) {
            port.close();
        }
    }
}
