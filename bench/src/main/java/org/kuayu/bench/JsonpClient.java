package org.kuayu.bench;

/**
 * A JSONP client that {@code bench/run.html?measure=jsonp&via=...} measures: sequential calls of domain2's
 * {@code /test/jsonp/echo} ({@code JsonpTestEndpoints}, behind the server's {@code JsonpHandler}).
 */
enum JsonpClient {
    KUAYU("kuayu", "`kuayu.jsonp`", false),
    FETCH_JSONP("fetchjsonp", "fetch-jsonp 1.4.0 (`fetchJsonp`)", true);

    final String query;
    final String title;
    /** Whether it is a peer's, installed from npm at run time. */
    final boolean peer;

    JsonpClient(String query, String title, boolean peer) {
        this.query = query;
        this.title = title;
        this.peer = peer;
    }
}
