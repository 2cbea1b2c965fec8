package org.kuayu.gwt;

import com.google.gwt.core.client.EntryPoint;

/**
 * The entry point of the {@code org.kuayu.gwt.KuayuGwt} module ({@code kuayu-gwt.js}). GWT requires one, but it
 * does nothing: the {@code kuayu} API is made of JsInterop exports ({@code org.kuayu.gwt.js.KuayuGwtJs}), which
 * exist as soon as the script has run, whereas GWT's single-script loader runs an entry point only once the
 * document is parsed, too late for a page's next script.
 *
 * <pre>{@code
 * <module rename-to="kuayugwt"> <entry-point class="org.kuayu.gwt.KuayuGwtEntryPoint"/> ... </module>
 * }</pre>
 */
public final class KuayuGwtEntryPoint implements EntryPoint {
    @Override
    public void onModuleLoad() {
        // Nothing to do: see the class comment.
    }
}
