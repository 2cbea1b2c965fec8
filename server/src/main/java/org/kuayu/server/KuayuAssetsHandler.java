package org.kuayu.server;

import java.util.List;
import java.util.Objects;

import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.PreCompressedHttpContentFactory;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.http.content.ValidatingCachingHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.resource.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a folder of the classpath under a path prefix; by default the Kuayu browser bundle (the {@code kuayu/}
 * folder of the {@code kuayu-teavm} jar: {@code kuayu.js}, {@code kuayu.mjs}, {@code kuayu.d.ts},
 * {@code proxy.html}, ...; and {@code kuayu-gwt.js} from the {@code kuayu-gwt} jar) under {@code /kuayu/}. Every
 * classpath root that holds the folder contributes its files (Jetty's class loader resource combines them).
 *
 * <p>It exists so that any Jetty 12 application can offer the bundle with one handler and safe defaults. The
 * serving itself is Jetty's ({@link ResourceService} over a {@link ResourceFactory} classpath resource: ranges,
 * {@code ETag}/{@code Last-Modified} and conditional requests, {@code HEAD}); this class only maps the prefix
 * to the folder and closes every door a static file handler should keep closed:
 * <ul>
 *   <li>content types with an explicit charset ({@code .js}/{@code .mjs} are
 *       {@code text/javascript;charset=utf-8}, {@code .d.ts} and {@code .d.mts} are
 *       {@code application/typescript;charset=utf-8},
 *       {@code .html} is {@code text/html;charset=utf-8}) and {@code X-Content-Type-Options: nosniff};</li>
 *   <li>no directory listings: a folder without a welcome file, a missing file and an alias (a symbolic link,
 *       another spelling of a name) are all 404; other methods than {@code GET}/{@code HEAD} are 405;</li>
 *   <li>no path traversal: the path is Jetty's canonical, decoded path in context (ambiguous encodings such as
 *       {@code %2e%2e} or {@code %2f} are refused by Jetty with 400 before any handler runs), resolved inside
 *       the folder only.</li>
 * </ul>
 * A file with a gzip twin in the folder ({@code kuayu.js} and {@code kuayu.js.gz}: the Kuayu jars carry one for each
 * script) is sent compressed to a client that accepts gzip ({@code Content-Encoding: gzip}, {@code Vary:
 * Accept-Encoding}, an ETag of its own): Jetty's precompressed content, so nothing is compressed per request; the
 * 163 KB of {@code kuayu.js} travel as 58 KB.
 * A request under the prefix is always answered here; any other request goes to the wrapped handler (or is
 * left unhandled when there is none).
 *
 * <p>Defaults: prefix {@value #DEFAULT_PATH_PREFIX}, folder {@value #DEFAULT_RESOURCE_FOLDER}, no welcome
 * files, {@code Cache-Control: }{@value #DEFAULT_CACHE_CONTROL}. The bundle's names carry no version, so a
 * long {@code max-age} could pair a new {@code kuayu.js} with an old {@code proxy.html} after an upgrade;
 * {@code no-cache} keeps the copies in the browser but revalidates them with the {@code ETag} (a cheap 304).
 * The options are fixed when the handler is built, so nothing can change once it has started.
 *
 * <pre>{@code
 * ContextHandler context = new ContextHandler("/");
 * context.setHandler(KuayuAssetsHandler.builder().build());       // /kuayu/kuayu.js, /kuayu/proxy.html, ...
 *
 * Handler pages = KuayuAssetsHandler.builder()                      // or any classpath folder of your own
 *     .resourceFolder("site/").pathPrefix("/").welcomeFiles("index.html").build();
 * }</pre>
 */
public final class KuayuAssetsHandler extends Handler.Wrapper {

    /** The default path prefix: {@value}. */
    public static final String DEFAULT_PATH_PREFIX = "/kuayu/";
    /** The default classpath folder, where the {@code kuayu-teavm} jar puts the bundle: {@value}. */
    public static final String DEFAULT_RESOURCE_FOLDER = "kuayu/";
    /** The default {@code Cache-Control} value: {@value}. */
    public static final String DEFAULT_CACHE_CONTROL = "no-cache";
    /**
     * The {@code Cache-Control} of Kuayu's helper page and its script ({@code proxy.html}, {@code proxy.js}), whatever
     * {@link Builder#cacheControl} says: {@value}. Remote pages write frames (secrets included) to this page and pin
     * its URL; it must always be the current copy, revalidated, and never rewritten by an intermediary.
     */
    public static final String PROXY_CACHE_CONTROL = "no-cache, no-transform";

    private static final Logger LOG = LoggerFactory.getLogger(KuayuAssetsHandler.class);
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final MimeTypes MIME_TYPES = newMimeTypes();
    /** The twins sent instead of a file to a client that accepts them: {@code name.gz}. */
    private static final List<CompressedContentFormat> PRECOMPRESSED = List.of(CompressedContentFormat.GZIP);
    /** How long a cached file is trusted before its last-modified time is checked again. */
    private static final long CACHE_VALIDATION_MILLIS = 1000;

    private final String pathPrefix;
    private final String resourceFolder;
    private final List<String> welcomeFiles;
    private final String cacheControl;
    private final boolean passMissing;

    private ResourceFactory.Closeable resourceFactory;
    private ResourceService resourceService;
    private ResourceService proxyService;

    private KuayuAssetsHandler(Builder builder) {
        this.pathPrefix = builder.pathPrefix;
        this.resourceFolder = builder.resourceFolder;
        this.welcomeFiles = builder.welcomeFiles;
        this.cacheControl = builder.cacheControl;
        this.passMissing = builder.passMissing;
    }

    /** Returns a builder with the defaults: the bundle folder {@code kuayu/} under {@code /kuayu/}. */
    public static Builder builder() {
        return new Builder();
    }

    public String getPathPrefix() {
        return pathPrefix;
    }

    public String getResourceFolder() {
        return resourceFolder;
    }

    @Override
    protected void doStart() throws Exception {
        resourceFactory = ResourceFactory.closeable();
        Resource folder = resourceFactory.newClassLoaderResource(resourceFolder, false);
        if (!Resources.isReadableDirectory(folder)) {
            resourceFactory.close();
            throw new IllegalStateException("No folder '" + resourceFolder + "' on the classpath; add the jar that "
                + "holds it (for the Kuayu bundle: the org.kuayu:kuayu-teavm dependency)");
        }
        LOG.debug("Serving {} from {}", pathPrefix, folder);

        ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(
            getServer() == null ? ByteBufferPool.NON_POOLING : getServer().getByteBufferPool());
        HttpContent.Factory files = new ValidatingCachingHttpContentFactory(new PreCompressedHttpContentFactory(
            new ResourceHttpContentFactory(folder, MIME_TYPES, buffers), PRECOMPRESSED), CACHE_VALIDATION_MILLIS, buffers);
        resourceService = service(files, cacheControl);
        proxyService = service(files, PROXY_CACHE_CONTROL);
        super.doStart();
    }

    private ResourceService service(HttpContent.Factory files, String cacheControlValue) {
        ResourceService service = new ResourceService();
        service.setHttpContentFactory(files);
        service.setPrecompressedFormats(PRECOMPRESSED);
        service.setDirAllowed(false);
        service.setEtags(true);
        if (!cacheControlValue.isEmpty()) {
            service.setCacheControl(cacheControlValue);
        }
        // SERVE, never REDIRECT: a folder's welcome file is served in place; nothing here ever answers 3xx.
        service.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        service.setWelcomeFactory(this::welcomeTarget);
        return service;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        resourceService = null;
        resourceFactory.close();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Request.getPathInContext(request).startsWith(pathPrefix)) {
            return super.handle(request, response, callback);
        }
        boolean readable = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        HttpContent content = readable ? resourceService.getContent(pathInFolder(request), request) : null;
        boolean servable = content != null && isServable(content, request);
        if (!servable && passMissing) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(NOSNIFF);
        if (!readable) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        if (!servable) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        String inFolder = pathInFolder(request);
        boolean proxyPage = inFolder.equals("/proxy.html") || inFolder.equals("/proxy.js");
        (proxyPage ? proxyService : resourceService).doGet(request, response, callback, content);
        return true;
    }

    private boolean isServable(HttpContent content, Request request) {
        Resource resource = content.getResource();
        if (resource.isAlias()) {
            return false;
        }
        return !resource.isDirectory() || welcomeTarget(content, request) != null;
    }

    /** The path inside the folder, starting with '/': {@code /kuayu/a/b.js} gives {@code /a/b.js}. */
    private String pathInFolder(Request request) {
        return Request.getPathInContext(request).substring(pathPrefix.length() - 1);
    }

    /** The first welcome file of a folder as a path inside the served folder, or null. */
    private String welcomeTarget(HttpContent folder, Request request) {
        for (String welcome : welcomeFiles) {
            if (Resources.isReadableFile(folder.getResource().resolve(welcome))) {
                return URIUtil.addPaths(pathInFolder(request), welcome);
            }
        }
        return null;
    }

    private static MimeTypes newMimeTypes() {
        MimeTypes.Mutable types = new MimeTypes.Mutable(MimeTypes.DEFAULTS);
        types.addMimeMapping("js", "text/javascript;charset=utf-8");
        types.addMimeMapping("mjs", "text/javascript;charset=utf-8");
        // MimeTypes looks at the last extension only, so these are the types of "kuayu.d.ts" and "kuayu.d.mts".
        types.addMimeMapping("ts", "application/typescript;charset=utf-8");
        types.addMimeMapping("mts", "application/typescript;charset=utf-8");
        types.addMimeMapping("html", "text/html;charset=utf-8");
        types.addMimeMapping("css", "text/css;charset=utf-8");
        types.addMimeMapping("txt", "text/plain;charset=utf-8");
        types.addMimeMapping("json", "application/json");
        types.addMimeMapping("map", "application/json");
        return types;
    }

    /**
     * Options of a {@link KuayuAssetsHandler}; each setter checks its argument and says how to fix it.
     *
     * <pre>{@code
     * KuayuAssetsHandler.builder().pathPrefix("/static/kuayu/").cacheControl("public, max-age=3600").build();
     * }</pre>
     */
    public static final class Builder {
        private String pathPrefix = DEFAULT_PATH_PREFIX;
        private String resourceFolder = DEFAULT_RESOURCE_FOLDER;
        private List<String> welcomeFiles = List.of();
        private String cacheControl = DEFAULT_CACHE_CONTROL;
        private boolean passMissing;

        private Builder() {
        }

        /** The path in context the folder is served under; starts and ends with '/'. Default {@code /kuayu/}. */
        public Builder pathPrefix(String pathPrefix) {
            Objects.requireNonNull(pathPrefix, "pathPrefix");
            if (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/")) {
                throw new IllegalArgumentException("pathPrefix must start and end with '/', like \"/kuayu/\" or \"/\"; got \""
                    + pathPrefix + "\"");
            }
            this.pathPrefix = pathPrefix;
            return this;
        }

        /**
         * The classpath folder to serve, as a resource name: no leading '/', ending with '/'. Default
         * {@code kuayu/}. Where several jars hold the folder their contents are served together.
         */
        public Builder resourceFolder(String resourceFolder) {
            Objects.requireNonNull(resourceFolder, "resourceFolder");
            if (resourceFolder.startsWith("/") || !resourceFolder.endsWith("/") || resourceFolder.length() < 2) {
                throw new IllegalArgumentException("resourceFolder is a classpath folder name without a leading '/' "
                    + "and with a trailing '/', like \"kuayu/\"; got \"" + resourceFolder + "\"");
            }
            this.resourceFolder = resourceFolder;
            return this;
        }

        /** File names served for a folder's own URL (ending with '/'), first found wins. Default: none. */
        public Builder welcomeFiles(String... welcomeFiles) {
            for (String welcome : welcomeFiles) {
                if (welcome == null || welcome.isEmpty() || welcome.contains("/")) {
                    throw new IllegalArgumentException("a welcome file is a plain file name like \"index.html\"; got \""
                        + welcome + "\"");
                }
            }
            this.welcomeFiles = List.of(welcomeFiles);
            return this;
        }

        /** The {@code Cache-Control} value of every file; empty for none. Default {@code no-cache}. */
        public Builder cacheControl(String cacheControl) {
            this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl (use \"\" for no header)");
            return this;
        }

        /**
         * Whether a request under the prefix that the folder cannot answer (no such file, or not {@code GET} or
         * {@code HEAD}) goes on to the wrapped handler instead of getting 404 or 405: folders layered under one prefix,
         * the first that has a file serving it. Default false.
         */
        public Builder passMissing(boolean passMissing) {
            this.passMissing = passMissing;
            return this;
        }

        public KuayuAssetsHandler build() {
            return new KuayuAssetsHandler(this);
        }
    }
}
