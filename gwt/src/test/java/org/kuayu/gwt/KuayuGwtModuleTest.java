package org.kuayu.gwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module compiled into {@code kuayu-gwt.js} ({@code KuayuGwt.gwt.xml}) keeps clear of the trap in
 * TOOLCHAIN.md: GWT's single-script loader is a global function named after the module's {@code rename-to}, which
 * it sets to {@code null} once the script has run. Were it {@code kuayu}, the page's {@code kuayu} object (the
 * global docs/js-api.md promises) would be overwritten: Chromium shows it, HtmlUnit hides it.
 */
class KuayuGwtModuleTest {
    /** The one global the JS API defines (docs/js-api.md). */
    static final String JS_NAMESPACE = "kuayu";

    @Test
    void renameToDiffersFromTheJsNamespace() throws Exception {
        String renameTo = module().getAttribute("rename-to");

        assertTrue(renameTo.matches("[A-Za-z_][A-Za-z0-9_]*"), "rename-to is a JS identifier: " + renameTo);
        assertNotEquals(JS_NAMESPACE, renameTo);
    }

    @Test
    void theModuleBuildsOneSelfContainedScript() throws Exception {
        NodeList linkers = module().getElementsByTagName("add-linker");

        assertEquals(1, linkers.getLength());
        assertEquals("sso", ((Element) linkers.item(0)).getAttribute("name"));
        assertEquals(1, module().getElementsByTagName("collapse-all-properties").getLength(),
                "the sso linker needs a single permutation");
    }

    @Test
    void theCompiledLoaderIsTheRenameToGlobal() throws Exception {
        String script = KuayuGwtBundleTest.bundle();
        String renameTo = module().getAttribute("rename-to");

        // The banner line, then GWT's loader: function <rename-to>(){...}
        assertTrue(script.contains("\nfunction " + renameTo + "(){"), script.substring(0, 200));
        assertTrue(script.contains("if (" + renameTo + ") " + renameTo + ".onScriptLoad("), "the sso loader");
    }

    static Element module() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names the DTD by URL: a build must not fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try (InputStream in = KuayuGwtModuleTest.class.getResourceAsStream("KuayuGwt.gwt.xml")) {
            assertNotNull(in, "org/kuayu/gwt/KuayuGwt.gwt.xml on the class path");
            Document document = factory.newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        }
    }
}
