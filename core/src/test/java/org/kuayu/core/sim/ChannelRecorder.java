package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.ChannelListener;
import org.kuayu.core.KuayuException;
import org.kuayu.core.Origin;

/**
 * A {@link ChannelListener} that writes down what a user would see, in order, for channel tests.
 *
 * <pre>{@code
 * ChannelRecorder host = new ChannelRecorder();
 * ConnectOptions.builder().remote(url).transport(PostMessageTransport.FACTORY).listener(host).build();
 * ...
 * assertEquals(List.of("ready", "message:\"hi\"", "close"), host.events());
 * }</pre>
 * Events: {@code ready}, {@code message:<json>}, {@code error:<CODE>}, {@code close}.
 */
public final class ChannelRecorder implements ChannelListener {
    private final List<String> events = new ArrayList<String>();
    private final List<String> messages = new ArrayList<String>();
    private final List<Origin> origins = new ArrayList<Origin>();
    private final List<KuayuException> errors = new ArrayList<KuayuException>();
    private int readyCount;
    private int closeCount;

    @Override
    public void onReady() {
        readyCount++;
        events.add("ready");
    }

    @Override
    public void onMessage(String json, Origin origin) {
        messages.add(json);
        origins.add(origin);
        events.add("message:" + json);
    }

    @Override
    public void onClose() {
        closeCount++;
        events.add("close");
    }

    @Override
    public void onError(KuayuException error) {
        errors.add(error);
        events.add("error:" + error.code());
    }

    /** Everything seen, in order. */
    public List<String> events() {
        return new ArrayList<String>(events);
    }

    /** The one-way messages received, in order. */
    public List<String> messages() {
        return new ArrayList<String>(messages);
    }

    /** The origin each message came from, in order. */
    public List<Origin> messageOrigins() {
        return new ArrayList<Origin>(origins);
    }

    public List<KuayuException> errors() {
        return new ArrayList<KuayuException>(errors);
    }

    public int readyCount() {
        return readyCount;
    }

    public int closeCount() {
        return closeCount;
    }

    public boolean isClosed() {
        return closeCount > 0;
    }
}
