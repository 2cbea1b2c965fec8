package org.kuayu.bench;

/**
 * A path from the host page (domain1) to its cross-site iframe (domain2) that the benchmarks measure. Its
 * {@link #query() query} value names it to the bench pages ({@code bench/roundtrip.html?via=port}).
 */
enum Via {
    /** The ceiling: a {@code MessageChannel} port transferred to the iframe, echo over the ports. */
    MESSAGE_PORT("port", "raw MessagePort"),
    /** {@code window.postMessage} both ways with the exact target origin, checked source and origin. */
    WINDOW("window", "raw window postMessage"),
    /** {@code kuayu.connect} / {@code kuayu.accept}: {@code channel.request(data)}, answered by {@code onRequest}. */
    KUAYU("kuayu", "Kuayu request/reply");

    private final String query;
    private final String title;

    Via(String query, String title) {
        this.query = query;
        this.title = title;
    }

    String query() {
        return query;
    }

    String title() {
        return title;
    }
}
