package org.kuayu.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test its {@link NginxServer}: one per test class, in front of the run's {@link DemoSites}, closed by
 * JUnit when the class ends (an {@link AutoCloseable} value of the class's store).
 *
 * <pre>{@code
 * @ExtendWith(NginxExtension.class)
 * class ReverseProxyTest {
 *     @BrowserTest(Browsers.REAL)
 *     void loginThroughNginx(Browser browser, DemoSites sites, NginxServer nginx) { ... }
 * }
 * }</pre>
 */
final class NginxExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NginxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NginxServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext testClass = context;
        while (testClass.getTestMethod().isPresent() && testClass.getParent().isPresent()) {
            testClass = testClass.getParent().get();
        }
        DemoSites sites = BrowserExtension.sites(context);
        return testClass.getStore(NAMESPACE)
                .getOrComputeIfAbsent(NginxServer.class, key -> NginxServer.start(sites), NginxServer.class);
    }
}
