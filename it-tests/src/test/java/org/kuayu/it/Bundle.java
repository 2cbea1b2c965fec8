package org.kuayu.it;

/**
 * The builds of the {@code kuayu} JS API a scenario runs against: the same Java compiled by TeaVM and by GWT (both by
 * default), and the postMessage-only build.
 * Test pages load the one named by {@code ?bundle=} in their URL (see {@code test/bundle.js} of the demo sites).
 */
public enum Bundle {
    /** {@code kuayu.js}, compiled by TeaVM: the primary bundle. */
    TEAVM("kuayu.js", "teavm"),
    /** {@code kuayu-gwt.js}, compiled by GWT. */
    GWT("kuayu-gwt.js", "gwt"),
    /** {@code kuayu-pm.js}, compiled by TeaVM with postMessage alone; only tests that name it run it. */
    POST_MESSAGE_ONLY("kuayu-pm.js", "pm");

    private final String file;
    private final String param;

    Bundle(String file, String param) {
        this.file = file;
        this.param = param;
    }

    /** The file in the kuayu folder, such as {@code kuayu.js}. */
    public String file() {
        return file;
    }

    /** The value of the {@code bundle} query parameter that selects it. */
    public String param() {
        return param;
    }

    /** {@code url} with {@code bundle=} added to its query. */
    public String select(String url) {
        return url + (url.contains("?") ? "&" : "?") + "bundle=" + param;
    }

    @Override
    public String toString() {
        return file;
    }
}
