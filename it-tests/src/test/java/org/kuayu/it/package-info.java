/**
 * End-to-end scenarios of Kuayu, each written once and run in HtmlUnit and in three engines from Debian (headless
 * Chromium, headless Firefox ESR over WebDriver BiDi, WebKitGTK on Xvfb) against the demo server (three sites on free
 * ports).
 *
 * <ul>
 *   <li>{@link org.kuayu.it.BrowserTest} marks a scenario; {@link org.kuayu.it.BrowserExtension} runs it once per
 *       {@link org.kuayu.it.BrowserKind} of its {@link org.kuayu.it.Browsers} set (all four, or the three real engines
 *       for security scenarios) and hands it a {@link org.kuayu.it.Browser} and the
 *       {@link org.kuayu.it.DemoSites}.</li>
 *   <li>{@link org.kuayu.it.HostPage} drives the test host page {@code domain1/test/host.html} through its harness
 *       ({@code test/harness.js}, {@code KT}); the remote end is {@code domain2/test/remote.html?allowed=&mode=},
 *       the attacker {@code domain3/test/attacker.html}. The pages are the tests' own
 *       ({@code src/test/resources/fixtures/}), which {@link org.kuayu.it.DemoSites} adds to the demo's sites.</li>
 *   <li>Nothing sleeps: every wait is a bounded poll of a page condition, and a timeout prints the page's event
 *       log (with Kuayu's debug lines).</li>
 * </ul>
 *
 * Run all: {@code ./scripts/test.sh}. Run one class after {@code mvn -B install -DskipTests}:
 * {@code mvn -B -pl it-tests verify -Dtest=MessagingTest}.
 */
package org.kuayu.it;
