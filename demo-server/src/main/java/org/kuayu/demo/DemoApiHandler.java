package org.kuayu.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.kuayu.server.CorsHandler;

/**
 * The API of the classic example's server-side rows, on domain2 (and on {@code child}, for the same-site pair):
 * the same small endpoints under two prefixes.
 * <ul>
 *   <li>{@value #CORS_PREFIX}: behind a {@link CorsHandler} that lets one origin (domain1's, or the pair's
 *       {@code www}) read with credentials, methods {@code GET, POST, PUT}, the extra request header
 *       {@code X-Custom-Header}, the answer header {@code X-Kuayu-Api} exposed, preflights kept 10 minutes;</li>
 *   <li>{@value #PROXY_PREFIX}: without CORS, as the upstream of a reverse proxy is (the browser only ever sees
 *       the proxy's origin).</li>
 * </ul>
 * Endpoints (answers are JSON, {@code Cache-Control: no-store}):
 * <ul>
 *   <li>{@code hello}: {@code {"site": "domain2", "method": "GET", "origin": ORIGIN_OR_NULL}}, and the header
 *       {@code X-Kuayu-Api: hello};</li>
 *   <li>{@code item} with {@code PUT}: echoes the method, {@code X-Custom-Header} and the body (the request that
 *       needs a preflight);</li>
 *   <li>{@code login?user=admin} ({@code GET}, or {@code POST} with a form): sets the classic cookie
 *       {@code l=a123456; Path=/; Domain=HOST; HttpOnly} and a readable {@code user=NAME; Path=/; Domain=HOST},
 *       HOST being the site's own host name, as the classic server does; a user is 1 to 32 of
 *       {@code A-Z a-z 0-9 _ -};</li>
 *   <li>{@code whoami}: the {@code Cookie} header the request carried and whether it holds the login;</li>
 *   <li>{@code logout}: both cookies expired;</li>
 *   <li>{@code redirect}: {@code 302} to {@code hello} as an absolute URL on this site's own origin (which a proxy
 *       must rewrite);</li>
 *   <li>{@code slow?delay=MS}: answers after MS milliseconds (at most 60000), without holding a thread.</li>
 * </ul>
 *
 * <pre>{@code
 * GET http://www.domain2.localhost:8082/api/cors/hello   Origin: http://www.domain1.localhost:8081
 *   -> Access-Control-Allow-Origin: http://www.domain1.localhost:8081, Vary: Origin, {"site": "domain2", ...}
 * }</pre>
 */
final class DemoApiHandler extends Handler.Wrapper {

    static final String CORS_PREFIX = "/api/cors/";
    static final String PROXY_PREFIX = "/api/proxy/";
    static final String SESSION = "a123456";
    static final int MAX_DELAY_MILLIS = 60_000;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final CorsHandler cors;
    private final Answers answers;

    /**
     * @param site the site serving the API ({@code domain2} or {@code child}), named in the answers
     * @param allowedOrigin the one origin the CORS policy lets read with credentials
     */
    DemoApiHandler(Site site, String allowedOrigin, Handler next) {
        super(next);
        answers = new Answers(site);
        cors = CorsHandler.builder()
            .allowOrigin(allowedOrigin)
            .allowCredentials()
            .allowMethods("GET", "POST", "PUT")
            .allowHeaders("Content-Type", "X-Custom-Header")
            .exposeHeaders("X-Kuayu-Api")
            .preflightMaxAge(Duration.ofMinutes(10))
            .build();
        cors.setHandler(answers);
        addBean(cors);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        cors.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith(CORS_PREFIX)) {
            return cors.handle(request, response, callback);
        }
        if (path.startsWith(PROXY_PREFIX)) {
            return answers.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }

    /** The endpoints themselves. */
    private static final class Answers extends Handler.Abstract {
        private final Site site;

        Answers(Site site) {
            this.site = site;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String name = path.substring(path.indexOf('/', "/api/".length()) + 1);
            String method = request.getMethod();
            switch (name) {
                case "hello":
                    response.getHeaders().put("X-Kuayu-Api", "hello");
                    return json(response, callback, "{\"site\": \"" + site.siteName() + "\", \"method\": "
                        + LoginHandler.jsonString(method) + ", \"origin\": " + nullable(request, HttpHeader.ORIGIN)
                        + "}");
                case "item":
                    if (!HttpMethod.PUT.is(method)) {
                        return refuseMethod(request, response, callback, "PUT");
                    }
                    String body = readText(request);
                    return json(response, callback, "{\"method\": \"PUT\", \"customHeader\": "
                        + nullable(request, "X-Custom-Header") + ", \"body\": " + LoginHandler.jsonString(body) + "}");
                case "login":
                    return login(request, response, callback);
                case "whoami":
                    String cookies = request.getHeaders().get(HttpHeader.COOKIE);
                    boolean in = cookies != null && (" " + cookies + ";").replace(";", "; ")
                        .contains(" l=" + SESSION + ";");
                    return json(response, callback, "{\"site\": \"" + site.siteName() + "\", \"cookie\": "
                        + (cookies == null ? "null" : LoginHandler.jsonString(cookies)) + ", \"loggedIn\": " + in + "}");
                case "logout":
                    String domain = Request.getServerName(request);
                    response.getHeaders().add(HttpHeader.SET_COOKIE, "l=; Path=/; Domain=" + domain + "; Max-Age=0; HttpOnly");
                    response.getHeaders().add(HttpHeader.SET_COOKIE, "user=; Path=/; Domain=" + domain + "; Max-Age=0");
                    return json(response, callback, "{\"status\": true}");
                case "redirect":
                    response.setStatus(HttpStatus.FOUND_302);
                    response.getHeaders().put(HttpHeader.LOCATION, "http://" + request.getHeaders().get(HttpHeader.HOST)
                        + path.substring(0, path.length() - "redirect".length()) + "hello");
                    return json(response, callback, "{\"redirect\": true}");
                case "slow":
                    int delay = delay(Request.extractQueryParameters(request).getValue("delay"));
                    if (delay < 0) {
                        Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
                        return true;
                    }
                    request.getComponents().getScheduler().schedule(() -> json(response, callback,
                        "{\"slow\": true, \"delay\": " + delay + "}"), delay, TimeUnit.MILLISECONDS);
                    return true;
                default:
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                    return true;
            }
        }

        private boolean login(Request request, Response response, Callback callback) throws Exception {
            if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.POST.is(request.getMethod())) {
                return refuseMethod(request, response, callback, "GET, POST");
            }
            Fields fields = Request.getParameters(request);
            String user = fields.getValue("user");
            if (user == null || !USER.matcher(user).matches()) {
                return json(response, callback, "{\"status\": false, \"error\": \"user is 1 to 32 letters, digits, "
                    + "'_' or '-'\"}");
            }
            // The classic server names its own host in Domain: a cookie of domain2 that only a proxy can move.
            String domain = Request.getServerName(request);
            response.getHeaders().add(HttpHeader.SET_COOKIE, "l=" + SESSION + "; Path=/; Domain=" + domain + "; HttpOnly");
            response.getHeaders().add(HttpHeader.SET_COOKIE, "user=" + user + "; Path=/; Domain=" + domain);
            return json(response, callback, "{\"status\": true, \"user\": \"" + user + "\", \"site\": \""
                + site.siteName() + "\"}");
        }

        private static String readText(Request request) throws Exception {
            return Content.Source.asString(request, StandardCharsets.UTF_8);
        }

        private static String nullable(Request request, HttpHeader header) {
            return nullable(request, header.asString());
        }

        private static String nullable(Request request, String header) {
            String value = request.getHeaders().get(header);
            return value == null ? "null" : LoginHandler.jsonString(value);
        }

        private static boolean refuseMethod(Request request, Response response, Callback callback, String allow) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }

        private static boolean json(Response response, Callback callback, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }

        private static int delay(String text) {
            if (text == null || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int value = Integer.parseInt(text);
            return value <= MAX_DELAY_MILLIS ? value : -1;
        }
    }
}
