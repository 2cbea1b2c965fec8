package org.kuayu.it;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each {@link BrowserTest} once per {@link BrowserKind} and {@link Bundle} and hands it its {@link Browser} and the
 * {@link DemoSites}.
 *
 * <p>Lifetimes follow cost: the demo server starts once per test run; each real browser (Chromium, Firefox,
 * WebKit) once per test class (reset between tests); an HtmlUnit client, cheap, once per test. JUnit closes each
 * when its scope ends (they are {@link AutoCloseable} values of its extension stores). After each test, errors the
 * pages reported fail it.
 */
final class BrowserExtension implements TestTemplateInvocationContextProvider, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), BrowserTest.class);
    }

    /** A run restricted to some kinds ({@code kuayu.browsers}) leaves a test of other kinds with no run. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        BrowserTest test = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), BrowserTest.class)
                .orElseThrow();
        List<BrowserKind> except = new java.util.ArrayList<>(List.of(test.except()));
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LeftOut.class)
                .ifPresent(leftOut -> except.addAll(List.of(leftOut.value())));
        Stream<BrowserKind> kinds = test.only().length > 0 ? Arrays.stream(test.only())
                : test.value().kinds().stream().filter(kind -> !except.contains(kind));
        List<BrowserKind> chosen = chosenKinds();
        return kinds.filter(chosen::contains)
                .flatMap(kind -> Arrays.stream(test.bundles()).map(bundle -> new Invocation(kind, bundle)));
    }

    /**
     * The kinds this run may use: all, or those named by the system property {@code kuayu.browsers} (a comma list
     * such as {@code firefox,webkit}), to run one engine's suite while debugging or beside another engine's.
     */
    private static List<BrowserKind> chosenKinds() {
        String names = System.getProperty("kuayu.browsers", "").trim();
        if (names.isEmpty()) {
            return List.of(BrowserKind.values());
        }
        return Arrays.stream(names.split(","))
                .map(name -> BrowserKind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)))
                .collect(java.util.stream.Collectors.toList());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DemoSites.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sites(context);
    }

    /** The demo server shared by every test class of the run. */
    static DemoSites sites(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DemoSites.class, key -> DemoSites.start(), DemoSites.class);
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final BrowserKind kind;
        private final Bundle bundle;

        Invocation(BrowserKind kind, Bundle bundle) {
            this.kind = kind;
            this.bundle = bundle;
        }

        /** Reports name a run {@code requestIsAnswered(Browser, DemoSites) in Chromium with kuayu-gwt.js}. */
        @Override
        public String getDisplayName(int invocationIndex) {
            return "in " + kind + " with " + bundle;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new BrowserResolver(kind, bundle));
        }
    }

    /**
     * Hands the test its browser and, after the test, fails it if the pages reported errors (uncaught
     * exceptions, scripts that failed to load, {@code console.error}) that the test did not already fail on.
     */
    private static final class BrowserResolver implements ParameterResolver, AfterEachCallback {
        private final BrowserKind kind;
        private final Bundle bundle;
        private Browser browser;

        BrowserResolver(BrowserKind kind, Bundle bundle) {
            this.kind = kind;
            this.bundle = bundle;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (kind == BrowserKind.HTMLUNIT) {
                HtmlUnitBrowser htmlUnit = new HtmlUnitBrowser();
                htmlUnit.useBundle(bundle);
                context.getStore(NAMESPACE).put(HtmlUnitBrowser.class, htmlUnit);
                browser = htmlUnit;
                return htmlUnit;
            }
            AbstractBrowser shared = classContext(context).getStore(NAMESPACE)
                    .getOrComputeIfAbsent(kind, BrowserResolver::start, AbstractBrowser.class);
            shared.reset();
            shared.useBundle(bundle);
            browser = shared;
            return shared;
        }

        /** A real browser, started once per test class and kind. */
        private static AbstractBrowser start(BrowserKind kind) {
            switch (kind) {
                case CHROMIUM:
                    return new ChromiumBrowser();
                case FIREFOX:
                    return new FirefoxBrowser();
                case WEBKIT:
                    return new WebKitBrowser();
                default:
                    throw new IllegalArgumentException("not a shared browser: " + kind);
            }
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (browser == null || context.getExecutionException().isPresent()) {
                return;
            }
            List<String> errors = browser.consoleErrors();
            if (!errors.isEmpty()) {
                throw new AssertionError(kind + ": the pages reported " + errors.size() + " error(s):\n  "
                        + String.join("\n  ", errors) + "\npage log:\n" + browser.pageLog());
            }
        }

        private static ExtensionContext classContext(ExtensionContext context) {
            ExtensionContext current = context;
            while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
                current = current.getParent().get();
            }
            return current;
        }
    }
}
