package org.kuayu.iframe;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.FrameHandle;
import org.kuayu.core.platform.Platform;

/**
 * A hidden frame through which a page hands strings to a page of another origin by navigating it: the remote page's
 * messenger, which shows the host's {@code proxy.html}. It is created at the first navigation and reused after, with
 * {@code location.replace} (no history entries); a navigation that only changes the fragment of the page it shows
 * is no load, any other is.
 *
 * <pre>{@code
 * MessengerFrame messenger = new MessengerFrame(platform, new Runnable() {
 *     public void run() { writer.resume(); }                 // each load finished
 * });
 * messenger.navigate(proxyUrl + "#" + mailbox + ":" + frame);
 * if (messenger.isLoading()) { writer.hold(); }              // a fragment would be lost to the load under way
 * }</pre>
 */
public final class MessengerFrame {
    private final Platform platform;
    private final Runnable onLoad;
    private FrameHandle frame;
    private String page;
    private boolean loading;
    private Cancellable loadListener;

    /** {@code onLoad} runs each time a document finished loading in the frame. */
    public MessengerFrame(Platform platform, Runnable onLoad) {
        this.platform = platform;
        this.onLoad = onLoad;
    }

    /** Navigates the frame to {@code url}, creating it the first time; false when the frame is gone. */
    public boolean navigate(String url) {
        int hash = url.indexOf('#');
        String target = hash < 0 ? url : url.substring(0, hash);
        if (frame == null) {
            frame = platform.createFrame(url, true);
            loadListener = frame.onLoad(new Runnable() {
                @Override
                public void run() {
                    loading = false;
                    onLoad.run();
                }
            });
            page = target;
            loading = true;
            return true;
        }
        if (!target.equals(page) || hash < 0) {
            page = target;
            loading = true;
        }
        return frame.replaceLocation(url);
    }

    /** True from a navigation that loads a page until it has loaded. */
    public boolean isLoading() {
        return loading;
    }

    /** Removes the frame {@code delayMillis} ms from now, so that the last navigation still arrives. */
    public void close(int delayMillis) {
        if (loadListener != null) {
            loadListener.cancel();
        }
        final FrameHandle created = frame;
        frame = null;
        if (created != null) {
            platform.schedule(delayMillis, new Runnable() {
                @Override
                public void run() {
                    created.remove();
                }
            });
        }
    }
}
