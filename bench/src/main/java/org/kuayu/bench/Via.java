package org.kuayu.bench;

/**
 * A path from the host page (domain1) to its cross-site iframe (domain2) that the benchmarks measure. Its
 * {@link #query() query} value names it to the bench pages ({@code bench/run.html?measure=roundtrips&via=port}). The peers'
 * paths are in {@code bench/peers.js}.
 */
enum Via {
    /** The ceiling: a {@code MessageChannel} port transferred to the iframe, echo over the ports. */
    MESSAGE_PORT("port", "raw MessagePort"),
    /** {@code window.postMessage} both ways with the exact target origin, checked source and origin. */
    WINDOW("window", "raw window postMessage"),
    /** {@code kuayu.connect} / {@code kuayu.accept}: {@code channel.request(data)}, answered by {@code onRequest}. */
    KUAYU("kuayu", "Kuayu request/reply"),
    /** penpal 7.0.6: a call of the iframe's {@code echo} method ({@code bench/penpal-echo.html}). */
    PENPAL("penpal", "penpal 7.0.6", true),
    /** easyXDM 2.4.19: an {@code easyXDM.Rpc} call of {@code echo}, over its postMessage transport. */
    EASYXDM("easyxdm", "easyXDM 2.4.19", true),
    /** post-robot 10.0.46: {@code postRobot.send(frame, "echo", data)}, answered by the listener's return value. */
    POST_ROBOT("postrobot", "post-robot 10.0.46", true);

    private final String query;
    private final String title;
    private final boolean peer;

    Via(String query, String title) {
        this(query, title, false);
    }

    Via(String query, String title, boolean peer) {
        this.query = query;
        this.title = title;
        this.peer = peer;
    }

    /** Whether its code is a peer's, installed from npm at run time (so absent when the peers are not installed). */
    boolean peer() {
        return peer;
    }

    String query() {
        return query;
    }

    String title() {
        return title;
    }
}
