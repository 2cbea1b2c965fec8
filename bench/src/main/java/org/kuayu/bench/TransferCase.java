package org.kuayu.bench;

import java.util.List;

/**
 * One large request over a forced transport ({@code bench/run.html?measure=transfer}): a mixed ASCII + CJK string of
 * {@link #SIZE} UTF-8 bytes there and back, timed in ms. {@code unavailable} says why a case cannot run at all
 * (then it is reported, not loaded).
 *
 * <pre>{@code
 * new TransferCase(Via.KUAYU, "hash", null).query()  // "via=kuayu&transport=hash&size=102400"
 * }</pre>
 */
record TransferCase(Via via, String transport, String unavailable) {

    /** 100 KB (1,024 bytes a KB) of UTF-8. */
    static final int SIZE = 100 * 1024;

    /**
     * Runs of each case at most: one 100 KB request over location.hash takes tens of seconds (Chromium lets a page
     * navigate a frame about 200 times in 10 s).
     */
    static final int MAX_RUNS = 3;

    /** Why easyXDM's NameTransport is not measured; the report prints it. */
    static final String EASYXDM_NAME_UNAVAILABLE = "not measured: easyXDM's NameTransport needs its helper page"
            + " `name.html` on both sites (it relays through `window.parent.parent.easyXDM`, a global that the npm build"
            + " does not define either), and the npm package `easyxdm@2.4.19-pre.2` ships only `lib/easyXDM.js`;"
            + " the bench commits none of easyXDM's code";

    /** Kuayu and easyXDM over window.name, then over location.hash, in the order they run and are reported. */
    static List<TransferCase> all() {
        return List.of(
                new TransferCase(Via.KUAYU, "name", null),
                new TransferCase(Via.EASYXDM, "name", EASYXDM_NAME_UNAVAILABLE),
                new TransferCase(Via.KUAYU, "hash", null),
                new TransferCase(Via.EASYXDM, "hash", null));
    }

    /** The transport's name in the report. */
    String transportTitle() {
        return transport.equals("name") ? "window.name" : "location.hash";
    }

    String query() {
        return "via=" + via.query() + "&transport=" + transport + "&size=" + SIZE;
    }

    @Override
    public String toString() {
        return via.title() + ", " + Report.bytes(SIZE) + " over " + transportTitle();
    }
}
