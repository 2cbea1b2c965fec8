package org.kuayu.core;

import org.kuayu.core.platform.Platform;

/**
 * The debug log of one channel: dropped frames, refused origins, handshake steps. Off by default; turned on with
 * the {@code debug} option, it writes through {@link Platform#debug} (the console's debug level in browsers) with
 * a prefix naming the channel, or to a sink the user gives.
 */
public final class DebugLog {
    /** Where enabled debug lines go. */
    public interface Sink {
        void line(String text);
    }

    private final Sink sink;
    private String prefix;

    private DebugLog(Sink sink, String prefix) {
        this.sink = sink;
        this.prefix = prefix;
    }

    /** A log that writes nothing. */
    public static DebugLog off() {
        return new DebugLog(null, "");
    }

    /** A log that writes to {@code sink}. */
    public static DebugLog to(Sink sink, String prefix) {
        return new DebugLog(sink, prefix);
    }

    /** A log to the platform's debug output. */
    public static DebugLog to(final Platform platform, String prefix) {
        return new DebugLog(new Sink() {
            @Override
            public void line(String text) {
                platform.debug(text);
            }
        }, prefix);
    }

    public boolean isEnabled() {
        return sink != null;
    }

    /** Changes the prefix, e.g. once the channel id is known. */
    public void setPrefix(String newPrefix) {
        prefix = newPrefix;
    }

    public void log(String line) {
        if (sink != null) {
            sink.line(prefix + line);
        }
    }
}
