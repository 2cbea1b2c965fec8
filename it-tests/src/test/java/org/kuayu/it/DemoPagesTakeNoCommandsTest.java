package org.kuayu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kuayu.demo.DemoServer;
import org.kuayu.demo.Site;

/**
 * No page the demo serves takes an allowlist, a target, code or a command from its URL. The plain demo (what
 * {@code ./scripts/demo.sh} runs, none of the tests' fixtures) is walked over HTTP from each site's home page,
 * following links, frames and scripts, and every file of the classpath {@code sites/} folders is fetched from its
 * site as well, so that a page only a script names (or none) is read too. Each page's scripts go through
 * {@link UrlInputCheck}: a page may read its own URL only if it is named below with the reason (the raw technique
 * pages, whose fragment, query or name is the data of the technique they show), and even those must not send a
 * URL-derived value anywhere but the one place named with them; no page runs code from a string or navigates itself
 * to a computed URL. The checker's own test ({@link UrlInputCheckTest}) shows it flags the tests' remote page.
 *
 * <p>Not read: the Kuayu bundle under {@code /kuayu/} (the library, whose transports read {@code location.hash} and
 * {@code window.name} by design, tested on their own), and the two programs compiled from Java,
 * {@code /java-app/app.js} and {@code /gwt-app/app.js} (their Java sources, in demo-teavm-app and demo-gwt-app, read
 * no URL; the pages and the start script around them are read).
 */
class DemoPagesTakeNoCommandsTest {

    /** A page that may read its own URL: what it reads, the lines where the value may go, and why. */
    record Allowed(Set<String> reads, Set<String> sinkLines, String reason) {
    }

    /** The pages that read their URL, by {@code site/path}. Any other page that does fails the test. */
    static final Map<String, Allowed> ALLOWED = Map.of(
            "domain2/window-name-raw.js", new Allowed(Set.of("location.search"), Set.of(),
                    "the classic window.name technique: ?text= is the question the host asks; the page only writes"
                    + " its answer into its own window.name"),
            "domain2/location-hash-raw.js", new Allowed(Set.of("location.hash"), Set.of("proxy.src = url;"),
                    "the classic location.hash technique: the fragment is the host's message; the page shows it as"
                    + " text and answers with it, encoded, in the fragment of domain1's fixed proxy page"),
            "domain1/location-hash-raw-proxy.js", new Allowed(Set.of("location.hash"), Set.of(),
                    "the classic location.hash proxy: hands the fragment, as data, to the domain1 page two frames up"),
            "domain1/same-origin.js", new Allowed(Set.of("location.href"), Set.of(),
                    "its own origin, through kuayu.origin, to compare with the URLs of its table; query and fragment"
                    + " unused"),
            "domain1/reverse-proxy.js", new Allowed(Set.of("location.search"),
                    Set.of("nginx: {origin: nginxOrigin(), via: \"nginx \" + nginxOrigin()},"),
                    "?nginx= is the origin of the nginx its reader started by hand (ReverseProxyTest: on a free port;"
                    + " by default this host on 8084), used only as the origin of the nginx row's XMLHttpRequests,"
                    + " whose answers are shown as text"));

    /** Read by no one here, with the reason in the class comment. */
    private static final List<String> NOT_READ = List.of("/kuayu/", DemoServer.VENDORED_BUNDLE_PATH,
            "/java-app/app.js", "/gwt-app/app.js");

    private static final Pattern LINK = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static DemoServer demo;

    @BeforeAll
    static void startThePlainDemo() throws Exception {
        demo = DemoServer.builder().freePorts().build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void noPageOfTheDemoTakesAnAllowlistOrACommandFromItsUrl() throws Exception {
        Map<URI, String> pages = crawl();
        for (Site site : sites()) {
            for (String path : classpathFiles(site)) {
                URI url = demo.baseUrl(site).resolve(path);
                if (!pages.containsKey(url)) {
                    pages.put(url, fetch(url));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> readers = new LinkedHashSet<>();
        for (Map.Entry<URI, String> page : pages.entrySet()) {
            String name = name(page.getKey());
            List<UrlInputCheck.Finding> findings = UrlInputCheck.check(name, page.getValue());
            problems.addAll(problems(name, findings));
            if (findings.stream().anyMatch(f -> f.kind().equals("read"))) {
                readers.add(name);
            }
        }
        assertTrue(pages.size() >= 40, "the walk found the demo's pages and scripts: " + pages.keySet());
        assertEquals(List.of(), problems, "pages of the demo that take something from their URL");
        assertEquals(ALLOWED.keySet(), readers, "every page named as reading its URL still does (else drop it)");
        assertTrue(pages.keySet().stream().noneMatch(url -> url.getPath().startsWith("/test/")
                || url.getPath().startsWith("/bench/")), "the demo links to no test or bench page: " + pages.keySet());
    }

    /** What is wrong with a page's findings, given what {@link #ALLOWED} names for it; empty if nothing. */
    static List<String> problems(String name, List<UrlInputCheck.Finding> findings) {
        Allowed allowed = ALLOWED.get(name);
        List<String> problems = new ArrayList<>();
        for (UrlInputCheck.Finding finding : findings) {
            boolean ok = switch (finding.kind()) {
                case "read" -> allowed != null && allowed.reads().contains(finding.what());
                case "sink" -> allowed != null && allowed.sinkLines().contains(finding.text().strip());
                default -> false;
            };
            if (!ok) {
                problems.add(name + ": " + finding);
            }
        }
        return problems;
    }

    /** Every page and script reachable from the sites' home pages, by URL, with its text. */
    private static Map<URI, String> crawl() throws IOException, InterruptedException {
        Set<String> origins = new LinkedHashSet<>();
        Deque<URI> queue = new ArrayDeque<>();
        for (Site site : sites()) {
            origins.add(demo.baseUrl(site).toString());
            queue.add(demo.baseUrl(site).resolve("/"));
        }
        Map<URI, String> pages = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            URI url = queue.poll();
            if (pages.containsKey(url)) {
                continue;
            }
            String text = fetch(url);
            pages.put(url, text);
            if (!name(url).endsWith(".html") && !name(url).endsWith("/")) {
                continue;
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                URI target = withoutQuery(url.resolve(link.group(1).replace("&amp;", "&")));
                String origin = target.getScheme() + "://" + target.getAuthority();
                if (origins.contains(origin) && isPageOrScript(target.getPath())
                        && NOT_READ.stream().noneMatch(target.getPath()::startsWith)) {
                    queue.add(target);
                }
            }
        }
        return pages;
    }

    private static boolean isPageOrScript(String path) {
        return path.endsWith("/") || path.endsWith(".html") || path.endsWith(".js") || path.endsWith(".mjs");
    }

    private static URI withoutQuery(URI url) {
        return URI.create(url.getScheme() + "://" + url.getAuthority() + url.getPath());
    }

    /** The pages and scripts of the site's classpath folder, as paths. */
    private static List<String> classpathFiles(Site site) {
        List<String> paths = new ArrayList<>();
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
            list(resources.newClassLoaderResource(site.resourceFolder(), false), "/", paths);
        }
        assertTrue(!paths.isEmpty(), "no classpath folder " + site.resourceFolder());
        return paths;
    }

    private static void list(Resource folder, String path, List<String> paths) {
        for (Resource entry : folder.list()) {
            String name = entry.getFileName();
            if (entry.isDirectory()) {
                list(entry, path + name + "/", paths);
            } else if (isPageOrScript(name)) {
                paths.add(path + name);
            }
        }
    }

    /** {@code domain1/postmessage.js}: the site's name and the path, as {@link #ALLOWED} names pages. */
    private static String name(URI url) {
        for (Site site : sites()) {
            if (demo.baseUrl(site).getAuthority().equals(url.getAuthority())) {
                return site.siteName() + url.getPath();
            }
        }
        throw new IllegalArgumentException("not a demo site: " + url);
    }

    private static List<Site> sites() {
        return List.of(Site.DOMAIN1, Site.DOMAIN2, Site.DOMAIN3, Site.DOMAIN_WWW, Site.DOMAIN_CHILD);
    }

    private static String fetch(URI url) throws IOException, InterruptedException {
        HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "the demo serves " + url);
        return answer.body();
    }
}
