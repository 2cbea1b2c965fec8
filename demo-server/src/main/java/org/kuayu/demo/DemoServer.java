package org.kuayu.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.kuayu.server.CookieRewrite;
import org.kuayu.server.CorsHandler;
import org.kuayu.server.KuayuAssetsHandler;
import org.kuayu.server.ReverseProxyHandler;
import org.kuayu.server.SafeErrorHandler;

/**
 * The demo sites ({@link Site}): those of the classic cross-domain tutorial ({@code domain1}, {@code domain2},
 * {@code domain3}) and the {@code document.domain} pair ({@code domain} and {@code child}), in one Jetty server, one
 * process.
 *
 * <p>Each site has its own connector (port) and its own context, which answers only on that connector and
 * only for the site's host name (a Jetty virtual host {@code host@connector}); any other {@code Host} on that
 * port gets {@code 421 Misdirected Request}. The exception is {@code domain3}, the attacker's site: it answers any
 * host name on its port, so that tests can attack from look-alike origins such as
 * {@code http://www.domain1.localhost.evil.localhost:8090} or {@code http://www.domain1.localhost:8090} (the host's
 * name on another port). Every site serves
 * <ul>
 *   <li>{@code /kuayu/}: the browser bundle from the classpath ({@code kuayu.js} and its files from
 *       {@code org.kuayu:kuayu-teavm}, {@code kuayu-gwt.js} from {@code org.kuayu:kuayu-gwt}), and the same folder
 *       again under {@value #VENDORED_BUNDLE_PATH};</li>
 *   <li>{@code /config.js}: {@code window.KUAYU_DEMO}, the actual URL of every site and the site's own name;</li>
 *   <li>on domain1 only, {@code /java-app/} and {@code /gwt-app/}: a page whose script is a Java program using
 *       {@code CrossDomainChannel}, compiled by TeaVM and by GWT, from the classpath folders {@code java-app/}
 *       ({@code org.kuayu:kuayu-demo-teavm-app}) and {@code gwt-app/} ({@code org.kuayu:kuayu-demo-gwt-app});</li>
 *   <li>on domain2 only, {@code /login?user=admin&callback=onBack}: the classic JSONP endpoint
 *       ({@link LoginHandler});</li>
 *   <li>on domain2 only, {@code /ws/chat} and {@code /ws/raw}: the chat server of the WebSocket row, for
 *       domain1's pages ({@link DemoChat});</li>
 *   <li>on domain2 only, under {@code /jsonp/}: JSONP endpoints that echo, answer late or never call back, for
 *       the JSONP page's failure buttons ({@link MisbehavingJsonpHandler});</li>
 *   <li>on domain2, under {@code /api/cors/}: the API of the CORS row, which domain1's pages may read with
 *       credentials, and the same without CORS under {@code /api/proxy/}, for the proxies ({@link DemoApiHandler});
 *       on {@code child}, the CORS API again for the pair's {@code www} pages (a same-site pair, which still gets
 *       its cookies);</li>
 *   <li>on the {@code proxy} port (8083, domain1's host name): all of domain2 through a {@link ReverseProxyHandler},
 *       domain2's cookies rewritten to domain1's host (the nginx row), with CORS for domain1's pages; and on domain1
 *       under {@value #MIDDLEWARE_PATH}{@code /}: domain2's {@code /api/} through another, every cookie domain
 *       rewritten to domain1's (the middleware row, same origin);</li>
 *   <li>on the document.domain pair, {@code Origin-Agent-Cluster: ?0} on every response, or {@code ?1} for a
 *       request with {@code ?oac=1} ({@link OriginAgentClusterHandler});</li>
 *   <li>on the remote sites' pages, {@code Content-Security-Policy: frame-ancestors} naming the one origin that
 *       frames them, with its real port, and their own ({@link FrameAncestorsHandler}): domain1 for domain2's pages
 *       (also as the proxy port passes them on), the pair's {@code www} for {@code child}'s. A third site's frame
 *       of them is refused by the browser. (Not on {@code /kuayu/}, the API, JSONP or WebSocket answers, which are
 *       no pages, nor on what a caller adds with {@link Builder#fixtures}.)</li>
 *   <li>what a caller adds to a site with {@link Builder#fixtures} (a classpath folder under a path) and
 *       {@link Builder#handler} (a handler under a path), in front of the site's own pages: the integration tests
 *       add their test pages and test endpoints under {@code /test/} (and domain3 serves the test host and remote
 *       pages from any host name), the bench its pages under {@code /bench/}. The plain demo has none of them: it
 *       serves only pages a visitor may open;</li>
 *   <li>under a path given to {@link Builder#extraFolder}, the files of that folder of the file system (the
 *       bench serves the peers it installs at run time so);</li>
 *   <li>everything else from the classpath folder {@code sites/<name>/} ({@code index.html} for folders), and
 *       404 for what is not there.</li>
 * </ul>
 * Error answers are a short status line ({@link SafeErrorHandler}), never a stack trace.
 *
 * <p>Defaults: bind {@value #DEFAULT_BIND}, each site on its {@link Site#defaultHost() host} and
 * {@link Site#defaultPort() port}. Port 0 takes a free port; {@link #baseUrl(Site)} tells the real one.
 *
 * <pre>{@code
 * try (DemoServer demo = DemoServer.builder().freePorts().build().start()) {
 *     URI host = demo.baseUrl(Site.DOMAIN1);             // http://www.domain1.localhost:40123
 *     URI page = host.resolve("/postmessage.html");
 * }
 * // The integration tests' server: the demo, and their own pages and endpoints (see DemoSites in it-tests).
 * DemoServer.builder().freePorts()
 *     .fixtures(Site.DOMAIN1, "/test/", "fixtures/domain1/")
 *     .handler(Site.DOMAIN2, "/test/jsonp/", demo -> new MisbehavingJsonpHandler());
 * }</pre>
 *
 * From the command line: {@code java -jar kuayu-demo.jar [--bind=127.0.0.1] [--domain1=host:port] ...}, one
 * {@code --NAME=HOST:PORT} per {@linkplain Site#siteName() site name}.
 */
public final class DemoServer implements AutoCloseable {

    /** Loopback only: the demo is for the machine it runs on. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    private final Map<Site, String> hosts;
    private final Map<Site, ServerConnector> connectors = new EnumMap<>(Site.class);
    private final Server server;
    private final String upstreamAddress;
    private final Map<String, Path> extraFolders;
    private final List<Extra> extras;

    private DemoServer(Builder builder) {
        hosts = Collections.unmodifiableMap(new EnumMap<>(builder.hosts));
        extraFolders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraFolders));
        extras = List.copyOf(builder.extras);
        // The proxies reach domain2 by address: its name may resolve nowhere but in a browser.
        upstreamAddress = builder.bind.equals("0.0.0.0") || builder.bind.equals("::") ? "127.0.0.1" : builder.bind;
        server = new Server(new QueuedThreadPool(64, 4, 60_000));
        server.setErrorHandler(new SafeErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);

        for (Site site : Site.values()) {
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setName(site.siteName());
            connector.setHost(builder.bind);
            connector.setPort(builder.ports.get(site));
            server.addConnector(connector);
            connectors.put(site, connector);
        }
        server.setDefaultHandler(new MisdirectedRequestHandler());
    }

    /**
     * Every site's context. Built once the connectors are open: the CORS policies and the proxies name the other
     * sites' real origins, which free ports only tell then.
     */
    private ContextHandlerCollection contexts() {
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (Site site : Site.values()) {
            contexts.addHandler(site == Site.PROXY ? proxyContext() : siteContext(site));
        }
        contexts.addHandler(middlewareContext());
        extraFolders.forEach((path, folder) -> contexts.addHandler(folderContext(path, folder)));
        return contexts;
    }

    /**
     * A folder of the file system under {@code path} on every site but the proxy: Jetty's own file serving, no
     * listings, nothing outside the folder (a symbolic link out of it is a 404). Its context path is longer than
     * the sites' "/", so it wins for its path.
     */
    private ContextHandler folderContext(String path, Path folder) {
        ResourceHandler files = new ResourceHandler();
        files.setDirAllowed(false);
        files.setBaseResource(ResourceFactory.of(files).newResource(folder));
        ContextHandler context = new ContextHandler(files, path.substring(0, path.length() - 1));
        context.setDisplayName("folder " + folder);
        List<String> virtualHosts = new ArrayList<>();
        for (Site site : Site.values()) {
            if (site != Site.PROXY) {
                virtualHosts.add(hosts.get(site) + "@" + site.siteName());
            }
        }
        context.setVirtualHosts(virtualHosts);
        return context;
    }

    /** Where the proxies send requests for domain2: its address and port, and the Host it serves. */
    private ReverseProxyHandler.Builder toDomain2() {
        URI domain2 = baseUrl(Site.DOMAIN2);
        return ReverseProxyHandler.builder()
            .upstream(URI.create("http://" + upstreamAddress + ":" + domain2.getPort()))
            .hostHeader(domain2.getAuthority())
            .timeout(Duration.ofSeconds(PROXY_TIMEOUT_SECONDS));
    }

    /**
     * The nginx row: the whole of domain2 behind domain1's host name on another port, each domain2 cookie
     * rewritten to domain1's host (proxy_cookie_domain), with CORS for domain1's pages and their cookies (a page of
     * www.domain1.localhost:8081 calling :8083 is another origin of the same site).
     */
    private ContextHandler proxyContext() {
        ReverseProxyHandler proxy = toDomain2()
            .cookies(CookieRewrite.builder().domain(hosts.get(Site.DOMAIN2), hosts.get(Site.DOMAIN1)).build())
            .build();
        CorsHandler cors = CorsHandler.builder().allowOrigin(baseUrl(Site.DOMAIN1).toString()).allowCredentials()
            .build();
        cors.setHandler(proxy);
        ContextHandler context = new ContextHandler(cors, "/");
        context.setDisplayName(Site.PROXY.siteName());
        context.setVirtualHosts(List.of(hosts.get(Site.PROXY) + "@" + Site.PROXY.siteName()));
        return context;
    }

    /**
     * The middleware row: domain1's own server forwards {@value #MIDDLEWARE_PATH}/ to domain2's, every cookie's
     * domain rewritten to domain1's host (http-proxy-middleware's {@code cookieDomainRewrite}). Same origin for
     * domain1's pages: no CORS at all.
     */
    private ContextHandler middlewareContext() {
        URI domain2 = baseUrl(Site.DOMAIN2);
        ReverseProxyHandler proxy = ReverseProxyHandler.builder()
            .upstream(URI.create("http://" + upstreamAddress + ":" + domain2.getPort() + MIDDLEWARE_PATH))
            .hostHeader(domain2.getAuthority())
            .timeout(Duration.ofSeconds(PROXY_TIMEOUT_SECONDS))
            .cookies(CookieRewrite.builder().domain(CookieRewrite.ANY_DOMAIN, hosts.get(Site.DOMAIN1)).build())
            .build();
        ContextHandler context = new ContextHandler(proxy, MIDDLEWARE_PATH);
        context.setDisplayName("middleware");
        context.setVirtualHosts(List.of(hosts.get(Site.DOMAIN1) + "@" + Site.DOMAIN1.siteName()));
        return context;
    }

    /** Returns a builder with the defaults: loopback, each site on its default host name and port. */
    public static Builder builder() {
        return new Builder();
    }

    /** A second path where every site serves the kuayu folder, as a site that copied it there would. */
    public static final String VENDORED_BUNDLE_PATH = "/static/vendor/kuayu/";
    /** Where domain1's own server forwards to domain2 (the middleware row): {@value}. */
    public static final String MIDDLEWARE_PATH = "/api";
    /** How long domain2 has to answer the proxies before they answer 504, in seconds: {@value}. */
    public static final int PROXY_TIMEOUT_SECONDS = 10;

    private ContextHandler siteContext(Site site) {
        Handler pages = KuayuAssetsHandler.builder()
            .resourceFolder(site.resourceFolder())
            .pathPrefix("/")
            .welcomeFiles("index.html")
            .build();
        List<String> framers = framersOf(site);
        if (!framers.isEmpty()) {
            pages = new FrameAncestorsHandler(framers, pages);
        }
        // The same kuayu folder once more under a deep path, as a site that copied it there serves it: the files
        // must work from any path (tests load kuayu.js and kuayu.mjs from here).
        KuayuAssetsHandler copied = KuayuAssetsHandler.builder().pathPrefix(VENDORED_BUNDLE_PATH).build();
        copied.setHandler(pages);
        Handler rest = copied;
        if (site == Site.DOMAIN1) {
            // A page whose script is a Java program compiled by TeaVM (module demo-teavm-app), and its GWT twin
            // (module demo-gwt-app).
            KuayuAssetsHandler javaApp = KuayuAssetsHandler.builder().resourceFolder("java-app/")
                .pathPrefix("/java-app/").welcomeFiles("index.html").build();
            javaApp.setHandler(copied);
            KuayuAssetsHandler gwtApp = KuayuAssetsHandler.builder().resourceFolder("gwt-app/")
                .pathPrefix("/gwt-app/").welcomeFiles("index.html").build();
            gwtApp.setHandler(javaApp);
            rest = gwtApp;
        } else if (site == Site.DOMAIN2) {
            // The classic JSONP endpoint: /login?user=admin&callback=onBack; JSONP that misbehaves on purpose, for
            // the JSONP page's failure buttons; the API of the CORS and proxy rows, which domain1's pages may read;
            // the chat server of the WebSocket row.
            rest = DemoChat.endpoints(baseUrl(Site.DOMAIN1).toString(), new LoginHandler(new PrefixHandler(
                MisbehavingJsonpHandler.DEMO_PREFIX, new MisbehavingJsonpHandler(),
                new DemoApiHandler(site, baseUrl(Site.DOMAIN1).toString(), copied))));
        } else if (site == Site.DOMAIN_CHILD) {
            // The CORS API again, for the same-site pair: www's pages may send it their cookies.
            rest = new DemoApiHandler(site, baseUrl(Site.DOMAIN_WWW).toString(), copied);
        }
        // What the caller added to this site (test fixtures, bench pages), in front of the site's own answers, the
        // first added asked first.
        for (int i = extras.size() - 1; i >= 0; i--) {
            if (extras.get(i).site() == site) {
                rest = extras.get(i).wrap(this, rest);
            }
        }
        KuayuAssetsHandler bundle = KuayuAssetsHandler.builder().build();
        bundle.setHandler(new ConfigScriptHandler(site, this::baseUrl, rest));
        Handler siteHandler = site.isDocumentDomainPair() ? new OriginAgentClusterHandler(bundle) : bundle;

        ContextHandler context = new ContextHandler(siteHandler, "/");
        context.setDisplayName(site.siteName());
        // domain3 answers whatever host name reaches its port (see the class comment).
        context.setVirtualHosts(List.of((site == Site.DOMAIN3 ? "" : hosts.get(site)) + "@" + site.siteName()));
        return context;
    }

    /**
     * The origins whose pages may frame the site's pages, which the site's pages name in {@code frame-ancestors}
     * ({@link FrameAncestorsHandler}), or none for a site whose pages are not framed as remote pages. domain2's pages
     * are framed by domain1's technique pages (and its Java and GWT pages); {@code child}'s by the pair's
     * {@code www} page. The reverse proxy passes domain2's header on: its pages, too, are for domain1 to frame.
     *
     * <p>Each list ends with the site's own origin, which is what {@code 'self'} means in a browser. It is spelled
     * out because HtmlUnit (4.21) checks the framed page's own URL against the list instead of its ancestors', and
     * so refuses every frame of a page whose list lacks its own origin; HtmlUnit enforces nothing here anyway
     * (security is asserted in Chromium).
     */
    private List<String> framersOf(Site site) {
        if (site == Site.DOMAIN2) {
            return List.of(baseUrl(Site.DOMAIN1).toString(), baseUrl(site).toString());
        }
        if (site == Site.DOMAIN_CHILD) {
            return List.of(baseUrl(Site.DOMAIN_WWW).toString(), baseUrl(site).toString());
        }
        return List.of();
    }

    /** Starts all sites; fails (and stops again) if a port is taken or a folder is missing. Returns this. */
    public DemoServer start() throws Exception {
        try {
            for (ServerConnector connector : connectors.values()) {
                connector.open();
                // A free port, once taken, is kept: a restart comes back where the pages left it.
                connector.setPort(connector.getLocalPort());
            }
            server.setHandler(contexts());
            server.start();
        } catch (Exception failure) {
            try {
                server.stop();
            } finally {
                for (ServerConnector connector : connectors.values()) {
                    connector.close();
                }
            }
            throw failure;
        }
        return this;
    }

    /**
     * The origin of a running site, such as {@code http://www.domain1.localhost:8081}, with the port it really
     * listens on (no trailing slash: {@code baseUrl(site).resolve("/page.html")} gives a page's URL).
     *
     * @throws IllegalStateException if the server is not started
     */
    public URI baseUrl(Site site) {
        int port = connectors.get(site).getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("The demo server is not running; call start() before baseUrl()");
        }
        return URI.create("http://" + hosts.get(site) + ":" + port);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    public void stop() throws Exception {
        server.stop();
    }

    /**
     * Stops every site and starts them again on the same ports, as a server restart does: open WebSockets drop, and
     * pages reconnect. Returns this.
     */
    public DemoServer restart() throws Exception {
        stop();
        return start();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** What {@link #main} prints: each site's URL and its pages. */
    public String describe() {
        StringBuilder text = new StringBuilder("Kuayu demo server: ").append(Site.values().length)
            .append(" sites in one process.\n");
        for (Site site : Site.values()) {
            text.append("\n  ").append(site.siteName()).append(" - ").append(site.role()).append('\n');
            for (String page : pagesOf(site)) {
                text.append("    ").append(baseUrl(site)).append(page).append('\n');
            }
        }
        text.append("\n  ").append(baseUrl(Site.DOMAIN1)).append(MIDDLEWARE_PATH)
            .append("/ - domain1's own server forwarding to domain2 (the middleware row)\n")
            .append("  nginx doing what the proxy does: docs/nginx/kuayu-demo.conf (port 8084, started by hand)\n");
        return text.append("\nNames under .localhost resolve to 127.0.0.1 in Chromium and Firefox; other clients ")
            .append("may need them in /etc/hosts.\nStart at ").append(baseUrl(Site.DOMAIN1))
            .append("/ and stop with Ctrl+C.\n").toString();
    }

    /** The site's root, its top-level pages and, on domain1, the Java and GWT pages, as paths. */
    private static List<String> pagesOf(Site site) {
        List<String> pages = new ArrayList<>(List.of("/"));
        if (site == Site.DOMAIN1) {
            pages.addAll(List.of("/java-app/", "/gwt-app/"));
        }
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
            Resource folder = resources.newClassLoaderResource(site.resourceFolder(), false);
            if (folder != null) {
                folder.list().stream()
                    .map(Resource::getFileName)
                    .filter(name -> name.endsWith(".html") && !name.equals("index.html"))
                    .sorted()
                    .forEach(name -> pages.add("/" + name));
            }
        }
        return pages;
    }

    /**
     * Starts the demo and runs until the process is killed. Arguments: {@code --bind=ADDRESS} and, for each site
     * by its {@linkplain Site#siteName() name}, {@code --domain1=HOST:PORT} (also {@code HOST} or {@code :PORT}),
     * {@code --domain=...}, {@code --child=...}; {@code --help} (or {@code -h}) prints the usage and exits with 0,
     * bad arguments print the fault and the usage and exit with 2.
     */
    public static void main(String[] args) throws Exception {
        if (Builder.asksForHelp(args)) {
            System.out.println(Builder.USAGE);
            return;
        }
        DemoServer demo;
        try {
            demo = builder().args(args).build();
        } catch (IllegalArgumentException badArguments) {
            System.err.println(badArguments.getMessage());
            System.err.println(Builder.USAGE);
            System.exit(2);
            return;
        }
        demo.server.setStopAtShutdown(true);
        demo.start();
        System.out.println(demo.describe());
        demo.join();
    }

    /** Options of a {@link DemoServer}; misuse fails with an {@link IllegalArgumentException} saying the fix. */
    public static final class Builder {
        /**
         * What the command line takes: {@code [--bind=ADDRESS] [--domain1=HOST:PORT] [--domain2=HOST:PORT]
         * [--domain3=HOST:PORT] [--domain=HOST:PORT] [--child=HOST:PORT] [--proxy=HOST:PORT] [--help]}, each with
         * what it is and its default.
         */
        static final String USAGE = usage();

        private static String usage() {
            StringBuilder usage = new StringBuilder("Usage: java -jar kuayu-demo.jar [--bind=ADDRESS]");
            StringBuilder options = new StringBuilder("  --bind=ADDRESS        the address every site listens on"
                + " (default " + DEFAULT_BIND + ")\n");
            for (Site site : Site.values()) {
                usage.append(" [--").append(site.siteName()).append("=HOST:PORT]");
                String option = "--" + site.siteName() + "=HOST:PORT";
                options.append("  ").append(option).append(" ".repeat(Math.max(1, 22 - option.length())))
                    .append(site.role()).append(" (default ").append(site.defaultHost()).append(':')
                    .append(site.defaultPort()).append(")\n");
            }
            return usage.append(" [--help]\nStarts the Kuayu demo sites on loopback and prints their pages.\n")
                .append(options)
                .append("  --help                prints this and exits\n")
                .append("HOST alone keeps the default port, :PORT alone the default host; port 0 takes a free port.")
                .toString();
        }

        /** Whether the command line asks for the usage ({@code --help} or {@code -h}) instead of a demo. */
        static boolean asksForHelp(String... args) {
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    return true;
                }
            }
            return false;
        }

        private String bind = DEFAULT_BIND;
        private final Map<Site, String> hosts = new EnumMap<>(Site.class);
        private final Map<Site, Integer> ports = new EnumMap<>(Site.class);
        private boolean proxyHostGiven;
        private final Map<String, Path> extraFolders = new LinkedHashMap<>();
        private final List<Extra> extras = new ArrayList<>();

        private Builder() {
            for (Site site : Site.values()) {
                hosts.put(site, site.defaultHost());
                ports.put(site, site.defaultPort());
            }
        }

        /** The address every site listens on. Default {@value DemoServer#DEFAULT_BIND}. */
        public Builder bind(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("bind needs an address, like 127.0.0.1 or 0.0.0.0");
            }
            this.bind = address;
            return this;
        }

        /** The host name and port of a site; port 0 takes a free port. The proxy's host follows domain1's unless given. */
        public Builder site(Site site, String host, int port) {
            Objects.requireNonNull(site, "site");
            if (host == null || !HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("The host of " + site.siteName() + " must be a DNS name like "
                    + site.defaultHost() + " (letters, digits, '.', '-'); got " + host);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("The port of " + site.siteName() + " must be 0 (a free port) to "
                    + "65535; got " + port);
            }
            String before = hosts.put(site, host);
            ports.put(site, port);
            if (site == Site.PROXY) {
                proxyHostGiven |= !host.equals(before);
            } else if (site == Site.DOMAIN1 && !proxyHostGiven) {
                hosts.put(Site.PROXY, host);
            }
            return this;
        }

        /** Every site on a free port (port 0), as tests want. */
        public Builder freePorts() {
            ports.replaceAll((site, port) -> 0);
            return this;
        }

        /**
         * Also serves the files of {@code folder}, a folder of the file system, under {@code path} (a path that
         * starts and ends with '/', not "/" itself) on every site but the proxy, in front of the site's own pages.
         * For files that cannot be on the classpath: the bench serves the peers it installs with npm at run time
         * this way. Default: none.
         *
         * <pre>{@code
         * DemoServer.builder().freePorts().extraFolder("/bench/peers/", Path.of("bench/.peers/node_modules"))
         * }</pre>
         */
        public Builder extraFolder(String path, Path folder) {
            Objects.requireNonNull(folder, "folder");
            if (path == null || path.length() < 3 || !path.startsWith("/") || !path.endsWith("/")) {
                throw new IllegalArgumentException("The path of an extra folder starts and ends with '/', like "
                    + "\"/bench/peers/\", and is not \"/\"; got " + path);
            }
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("The extra folder " + folder.toAbsolutePath() + " is not a "
                    + "folder; give one that exists");
            }
            extraFolders.put(path, folder.toAbsolutePath().normalize());
            return this;
        }

        /**
         * Also serves the files of {@code classpathFolder} (a folder of the classpath, such as
         * {@code "fixtures/domain1/"}) under {@code pathPrefix} on {@code site}, in front of the site's own pages: a
         * file the folder lacks goes on to the next folder added for that path, then to the site (a 404 when no one
         * has it). For pages that are not the demo's but live with what uses them: the integration tests' fixtures,
         * the bench's pages. They get the site's {@code /config.js}, {@code /kuayu/} and, on the document.domain
         * pair, its {@code Origin-Agent-Cluster} header, but not the remote pages' {@code frame-ancestors}: tests
         * frame them from any site on purpose. Default: none.
         *
         * <pre>{@code
         * DemoServer.builder().freePorts()
         *     .fixtures(Site.DOMAIN1, "/test/", "fixtures/domain1/")   // /test/host.html on domain1
         *     .fixtures(Site.DOMAIN3, "/test/", "fixtures/domain1/")   // and on the attacker's site
         *     .fixtures(Site.DOMAIN3, "/test/", "fixtures/domain3/");  // next to its own pages
         * }</pre>
         *
         * @param site any site but {@link Site#PROXY}, which serves domain2's answers
         * @param pathPrefix a path that starts and ends with '/' and is not "/" itself
         */
        public Builder fixtures(Site site, String pathPrefix, String classpathFolder) {
            checkExtra(site, pathPrefix);
            if (classpathFolder == null || !classpathFolder.endsWith("/") || classpathFolder.startsWith("/")) {
                throw new IllegalArgumentException("A classpath folder is a relative path ending with '/', like "
                    + "\"fixtures/domain1/\"; got " + classpathFolder);
            }
            try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
                Resource folder = resources.newClassLoaderResource(classpathFolder, false);
                if (folder == null || !folder.isDirectory()) {
                    throw new IllegalArgumentException("No folder " + classpathFolder + " on the classpath; put it "
                        + "in the resources of the module that serves it (such as src/test/resources/)");
                }
            }
            extras.add(new Extra(site, pathPrefix, classpathFolder, null));
            return this;
        }

        /**
         * Gives the requests under {@code pathPrefix} on {@code site} to a handler of the caller's, in front of the
         * site's own answers; what the handler leaves ({@code handle} returns false) goes on to the site. The handler
         * sees the whole path. {@code handler} makes it at each start, once the ports are known, from the running
         * server (so it may name the sites' {@link DemoServer#baseUrl real origins}). Like
         * {@linkplain #fixtures fixtures}, its answers get no {@code frame-ancestors}. Default: none.
         *
         * <pre>{@code
         * DemoServer.builder().handler(Site.DOMAIN2, "/test/jsonp/", demo -> new MisbehavingJsonpHandler());
         * }</pre>
         *
         * @param site any site but {@link Site#PROXY}, which serves domain2's answers
         * @param pathPrefix a path that starts and ends with '/' and is not "/" itself
         */
        public Builder handler(Site site, String pathPrefix, Function<DemoServer, Handler> handler) {
            checkExtra(site, pathPrefix);
            extras.add(new Extra(site, pathPrefix, null, Objects.requireNonNull(handler, "handler")));
            return this;
        }

        private static void checkExtra(Site site, String pathPrefix) {
            if (Objects.requireNonNull(site, "site") == Site.PROXY) {
                throw new IllegalArgumentException("The proxy serves what domain2 serves; add to Site.DOMAIN2");
            }
            if (pathPrefix == null || pathPrefix.length() < 3 || !pathPrefix.startsWith("/")
                    || !pathPrefix.endsWith("/")) {
                throw new IllegalArgumentException("A path prefix starts and ends with '/', like \"/test/\", and is "
                    + "not \"/\"; got " + pathPrefix);
            }
        }

        /** Applies command-line arguments: {@code --bind=ADDRESS}, {@code --domain1=HOST:PORT}, ... */
        public Builder args(String... args) {
            for (String arg : args) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String value = equals < 0 ? "" : arg.substring(equals + 1);
                if (name.equals("--bind")) {
                    bind(value);
                } else {
                    siteArgument(name, value);
                }
            }
            return this;
        }

        private void siteArgument(String name, String value) {
            for (Site site : Site.values()) {
                if (name.equals("--" + site.siteName())) {
                    int colon = value.lastIndexOf(':');
                    String host = colon < 0 ? value : value.substring(0, colon);
                    String port = colon < 0 ? "" : value.substring(colon + 1);
                    try {
                        site(site, host.isEmpty() ? hosts.get(site) : host,
                            port.isEmpty() ? ports.get(site) : Integer.parseInt(port));
                    } catch (NumberFormatException notANumber) {
                        throw new IllegalArgumentException(name + " needs HOST:PORT with a numeric port; got " + value);
                    }
                    return;
                }
            }
            throw new IllegalArgumentException("Unknown argument " + name);
        }

        public DemoServer build() {
            Map<Integer, Site> sitesByPort = new HashMap<>();
            for (Site site : Site.values()) {
                int port = ports.get(site);
                Site other = port == 0 ? null : sitesByPort.putIfAbsent(port, site);
                if (other != null) {
                    throw new IllegalArgumentException(other.siteName() + " and " + site.siteName() + " both use port "
                        + port + "; give each site its own port (or 0 for a free one)");
                }
            }
            return new DemoServer(this);
        }
    }

    /**
     * A caller's addition to a site ({@link Builder#fixtures} or {@link Builder#handler}): a classpath folder or a
     * handler maker, under a path prefix.
     */
    private record Extra(Site site, String pathPrefix, String classpathFolder,
                         Function<DemoServer, Handler> handler) {

        /** The addition in front of {@code next}. */
        Handler wrap(DemoServer demo, Handler next) {
            if (handler != null) {
                return new PrefixHandler(pathPrefix, handler.apply(demo), next);
            }
            KuayuAssetsHandler files = KuayuAssetsHandler.builder().passMissing(true).resourceFolder(classpathFolder)
                .pathPrefix(pathPrefix).welcomeFiles("index.html").build();
            files.setHandler(next);
            return files;
        }
    }

    /**
     * Answers a request whose {@code Host} names no site of its port: {@code 421}, but for {@value #PROBE_PATH}, an empty
     * page for any host name, so that domain1's same-origin page can load a host name that names no site (the IP
     * address, the parent domain) in a frame and ask the browser whether it may read it, with no error in the console.
     */
    private static final class MisdirectedRequestHandler extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (PROBE_PATH.equals(Request.getPathInContext(request)) && HttpMethod.GET.is(request.getMethod())) {
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(PROBE_PAGE), callback);
                return true;
            }
            Response.writeError(request, response, callback, HttpStatus.MISDIRECTED_REQUEST_421);
            return true;
        }
    }

    /** The path every host name of every port answers with an empty page (see the same-origin demo page). */
    public static final String PROBE_PATH = "/same-origin-probe";
    private static final byte[] PROBE_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>probe</title><link rel=\"icon\" href=\"data:,\"></head><body></body></html>")
            .getBytes(StandardCharsets.UTF_8);
}
