package org.kuayu.core;

/**
 * The debug log of one channel: dropped frames, refused origins, handshake steps. Off by default; turned on with
 * the {@code debug} option, it writes each line, prefixed with the channel it belongs to, to a sink: the browser
 * console's debug level ({@code Platform.debug}) or a function the user gives.
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
