package org.kuayu.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.kuayu.core.platform.Cancellable;
import org.kuayu.core.platform.WebSocketListener;

/**
 * An in-memory browser for fast, repeatable tests: windows with origins, frames, {@code postMessage} that enforces
 * the same-origin policy, {@code MessageChannel} ports, a virtual clock and seeded fault injection.
 *
 * <pre>{@code
 * SimBrowser browser = new SimBrowser(42);                       // the seed drives ids and faults
 * browser.page("http://remote.test/remote.html", w -> Kuayu.accept(w, acceptOptions));
 * SimWindow host = browser.open("http://host.test/");
 * CrossDomainChannel ch = Kuayu.connect(host, connectOptions);   // creates the frame, which loads in a later task
 * assertTrue(browser.runUntil(ch::isReady, 5000));
 * browser.windowFaults(FaultPlan.NONE.drop(0.3));                // from now on, window messages get lost
 * }</pre>
 *
 * <p>The event loop: one queue of tasks ordered by due time, then by insertion order. Nothing runs until a test
 * drives the loop with {@link #runUntilIdle()}, {@link #advance(long)} or {@link #runUntil}; virtual time only moves
 * there, so a 10-second timeout takes microseconds. A task that throws is reported in {@link #uncaughtErrors()} and
 * the loop goes on, as in a browser; an {@link Error} (a failed assertion) stops the test.
 *
 * <p>Defaults: no faults, {@code MessageChannel} available, {@code location.ancestorOrigins} available (so
 * {@code parentOriginHint()} answers), frames load in the next task. Pages with no registered script load empty;
 * {@code loadScript} of a URL with no {@link #script responder} fails, as a refused connection does.
 */
public final class SimBrowser {
    /** Chromium's limit on a frame's navigations and history changes (see {@link #limitNavigationRate}). */
    public static final int NAVIGATIONS_PER_WINDOW = 200;
    public static final int NAVIGATION_WINDOW_MILLIS = 10000;

    /** Most tasks {@link #runUntilIdle()} runs before it decides something reschedules itself forever. */
    public static final int MAX_TASKS = 1000000;

    static final Cancellable NOTHING = new Cancellable() {
        @Override
        public void cancel() {
        }
    };

    private final SimTaskQueue queue = new SimTaskQueue();
    private final Random faultRandom;
    private final Random idRandom;
    private final Map<String, PageScript> sites = new HashMap<String, PageScript>();
    private final Map<String, ScriptResponder> scriptServers = new HashMap<String, ScriptResponder>();
    private final Map<String, SimWebSocketServer> socketServers = new HashMap<String, SimWebSocketServer>();
    private final List<SimWindow> windows = new ArrayList<SimWindow>();
    private final List<SimPort> ports = new ArrayList<SimPort>();
    private final List<String> debugLines = new ArrayList<String>();
    private final List<String> navigations = new ArrayList<String>();
    private final List<String> console = new ArrayList<String>();
    private final List<RuntimeException> uncaught = new ArrayList<RuntimeException>();
    private final SimPostOffice postOffice;
    private boolean messageChannels = true;
    private boolean ancestorOrigins = true;
    private boolean hashChangeEvents = true;
    private boolean navigationRateLimit = true;
    private int throttledNavigations;
    private int loadDelayMillis;

    /** A browser with seed 1. */
    public SimBrowser() {
        this(1);
    }

    /** A browser whose random ids and faults come from {@code seed}. */
    public SimBrowser(long seed) {
        // Scrambled: java.util.Random's first outputs for nearby seeds are nearly equal, which would make seeds 1..n
        // agree on the first fault.
        this.faultRandom = new Random(mix(seed));
        this.idRandom = new Random(mix(seed ^ 0x5DEECE66DL));
        this.postOffice = new SimPostOffice(this, faultRandom);
    }

    /** The SplitMix64 finaliser. */
    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- sites and windows ----

    /** Registers the code that runs whenever a window loads {@code url} (compared without its fragment). */
    public SimBrowser page(String url, PageScript script) {
        sites.put(SimUrls.withoutFragment(url), script);
        return this;
    }

    /**
     * Registers the server that answers {@code loadScript} for every URL starting with {@code urlPrefix} (the
     * longest matching prefix wins). A URL no responder matches fails, as a refused connection does.
     */
    public SimBrowser script(String urlPrefix, ScriptResponder responder) {
        scriptServers.put(urlPrefix, responder);
        return this;
    }

    /**
     * Registers the scripted WebSocket server at {@code url} (compared exactly); a socket to a URL with none fails to
     * open, as a refused connection does.
     */
    public SimWebSocketServer webSocketServer(String url, SimWebSocketServer.Handler handler) {
        SimWebSocketServer server = new SimWebSocketServer(this, url, handler);
        socketServers.put(url, server);
        return server;
    }

    /** Opens a top-level window (a tab) on {@code url}; its page script, if any, has run when this returns. */
    public SimWindow open(String url) {
        SimContext context = new SimContext(this, null, null);
        SimWindow window = new SimWindow(this, context, url, SimUrls.origin(url), url, false);
        context.show(window);
        runPageScript(window);
        return window;
    }

    // ---- the event loop ----

    /** Virtual milliseconds since the browser started. */
    public long now() {
        return queue.now();
    }

    /**
     * Runs tasks, moving the clock forward to each one's due time, until none is left (timers included: pending
     * timeouts fire). Returns the number of tasks run.
     *
     * @throws IllegalStateException after {@link #MAX_TASKS} tasks
     */
    public int runUntilIdle() {
        int n = 0;
        SimTask task;
        while ((task = queue.pollDue(Long.MAX_VALUE)) != null) {
            run(task);
            if (++n >= MAX_TASKS) {
                throw new IllegalStateException("still busy after " + n + " tasks at " + now()
                        + " ms: something reschedules itself forever");
            }
        }
        return n;
    }

    /** Runs every task due within the next {@code millis} ms, then leaves the clock {@code millis} ms later. */
    public void advance(long millis) {
        long end = now() + millis;
        SimTask task;
        while ((task = queue.pollDue(end)) != null) {
            run(task);
        }
        queue.setNow(end);
    }

    /**
     * Runs tasks in order until {@code condition} holds, for at most {@code maxVirtualMillis} of virtual time.
     *
     * @return true when the condition holds; false when the time ran out first (the clock is then at the bound)
     */
    public boolean runUntil(BooleanSupplier condition, long maxVirtualMillis) {
        long end = now() + maxVirtualMillis;
        while (!condition.getAsBoolean()) {
            SimTask task = queue.pollDue(end);
            if (task == null) {
                queue.setNow(end);
                return condition.getAsBoolean();
            }
            run(task);
        }
        return true;
    }

    private void run(SimTask task) {
        queue.setNow(task.due);
        task.body.run();
    }

    // ---- faults and capabilities ----

    /** Faults for window {@code postMessage} deliveries from now on. */
    public SimBrowser windowFaults(FaultPlan plan) {
        postOffice.windowFaults(plan);
        return this;
    }

    /** Faults for {@code MessagePort} deliveries from now on. */
    public SimBrowser portFaults(FaultPlan plan) {
        postOffice.portFaults(plan);
        return this;
    }

    private boolean originKeyed;
    private List<String> originKeyedOptOuts = new ArrayList<String>();

    /** Whether windows have {@code MessageChannel} ({@code createMessageChannel()} returns null when not). */
    public SimBrowser messageChannels(boolean supported) {
        messageChannels = supported;
        return this;
    }

    /** Whether frames learn their parent's origin ({@code parentOriginHint()} returns null when not). */
    public SimBrowser ancestorOrigins(boolean supported) {
        ancestorOrigins = supported;
        return this;
    }

    /**
     * Whether windows fire {@code hashchange} ({@code listenHashChange()} returns null when not, as in browsers without
     * the event, and callers must poll). Default: true.
     */
    public SimBrowser hashChangeEvents(boolean supported) {
        hashChangeEvents = supported;
        return this;
    }

    /**
     * Whether a frame's navigations ({@code replaceLocation}) and history changes ({@code clearLocationHash}) are
     * rate-limited as Chromium does (its {@code NavigationRateLimiter}): {@value #NAVIGATIONS_PER_WINDOW} per frame,
     * and then nothing until {@value #NAVIGATION_WINDOW_MILLIS} ms after the window started; what is over is ignored
     * silently but for one console warning. Default: true. Stricter than Chromium, which counts a cross-process
     * frame's navigations and its own history changes apart: here both count against the frame.
     */
    public SimBrowser limitNavigationRate(boolean limited) {
        navigationRateLimit = limited;
        return this;
    }

    /** Navigations and history changes the rate limit ignored. */
    public int throttledNavigations() {
        return throttledNavigations;
    }

    /**
     * Whether documents live in origin-keyed agent clusters, as in Chromium on {@code *.localhost}, on https and by
     * default since version 115: then {@code document.domain}'s setter does nothing, except in documents of the
     * {@code optedOut} origins (served with {@code Origin-Agent-Cluster: ?0}). Default: false (the setter works).
     */
    public SimBrowser originKeyedAgentClusters(boolean keyed, String... optedOut) {
        originKeyed = keyed;
        originKeyedOptOuts = Arrays.asList(optedOut);
        return this;
    }

    /** Whether {@code document.domain}'s setter works in a document of this origin. */
    boolean documentDomainSettable(String origin) {
        return !originKeyed || originKeyedOptOuts.contains(origin);
    }

    /** How long a frame takes to load its document, in virtual ms (default 0: the next task). */
    public SimBrowser loadDelay(int millis) {
        loadDelayMillis = Math.max(0, millis);
        return this;
    }

    // ---- what tests observe ----

    /** Message and hashchange listeners, frame load listeners and listening ports of every live document. */
    public int liveListenerCount() {
        int n = 0;
        for (SimWindow w : windows) {
            if (w.isAlive()) {
                n += w.listenerCount() + w.hashListenerCount();
                for (SimFrame f : w.frames()) {
                    n += f.loadListenerCount();
                }
            }
        }
        for (SimPort p : ports) {
            n += p.isListening() ? 1 : 0;
        }
        return n;
    }

    /** Frames attached to live documents. */
    public int liveFrameCount() {
        int n = 0;
        for (SimWindow w : windows) {
            n += w.isAlive() ? w.frames().size() : 0;
        }
        return n;
    }

    /** Script elements {@code loadScript} appended to live documents and not yet removed. */
    public int liveScriptCount() {
        int n = 0;
        for (SimWindow w : windows) {
            n += w.isAlive() ? w.scripts().size() : 0;
        }
        return n;
    }

    /** Globals of live documents defined by {@code defineGlobalCallback} that still deliver to a receiver. */
    public int liveGlobalCallbackCount() {
        int n = 0;
        for (SimWindow w : windows) {
            n += w.isAlive() ? w.globalCallbacks().size() : 0;
        }
        return n;
    }

    /** Stubs of cancelled global callbacks in live documents, waiting for a late call to delete themselves. */
    public int globalStubCount() {
        int n = 0;
        for (SimWindow w : windows) {
            n += w.isAlive() ? w.globalStubCount() : 0;
        }
        return n;
    }

    /** Ports not closed whose document is alive. */
    public int livePortCount() {
        int n = 0;
        for (SimPort p : ports) {
            n += p.isOpen() ? 1 : 0;
        }
        return n;
    }

    /** Timers ({@code schedule}) of live documents not yet run or cancelled. */
    public int pendingTimerCount() {
        return queue.liveCount(true);
    }

    /** Every task not yet run: timers, deliveries, loads. */
    public int pendingTaskCount() {
        return queue.liveCount(false);
    }

    /** Window messages handed to a document's listeners (after the origin check). */
    public long windowDeliveries() {
        return postOffice.windowDeliveries();
    }

    /** Port messages handed to a port's listener. */
    public long portDeliveries() {
        return postOffice.portDeliveries();
    }

    /** Deliveries lost: dropped by a fault, or to a document that went away. */
    public long droppedDeliveries() {
        return postOffice.droppedDeliveries();
    }

    /** Window messages the browser refused because the target's origin was not the target origin. */
    public long originMismatches() {
        return postOffice.originMismatches();
    }

    /**
     * Every URL a page gave {@code createFrame} or {@code replaceLocation}, in order, resolved and with its fragment as
     * a browser keeps it ({@link SimUrls}): what a test of a URL-carrying transport measures.
     */
    public List<String> navigations() {
        return Collections.unmodifiableList(new ArrayList<String>(navigations));
    }

    /** Every {@code debug(...)} line of every window, prefixed with the window's origin. */
    public List<String> debugLines() {
        return Collections.unmodifiableList(new ArrayList<String>(debugLines));
    }

    /** What a browser prints on its console: refused posts, uncaught errors. */
    public List<String> console() {
        return Collections.unmodifiableList(new ArrayList<String>(console));
    }

    /** Exceptions thrown out of tasks, listeners and page scripts. */
    public List<RuntimeException> uncaughtErrors() {
        return Collections.unmodifiableList(new ArrayList<RuntimeException>(uncaught));
    }

    // ---- package-private machinery ----

    SimTask schedule(SimWindow owner, long delayMillis, boolean timer, final Runnable body) {
        return queue.add(delayMillis, owner, timer, () -> runGuarded(body));
    }

    void runGuarded(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            uncaught.add(e);
            console.add("Uncaught " + e);
        }
    }

    void runPageScript(final SimWindow window) {
        final PageScript script = sites.get(SimUrls.withoutFragment(window.url()));
        if (script != null) {
            runGuarded(() -> script.run(window));
        }
    }

    void fetchScript(final SimScript script) {
        ScriptResponder responder = null;
        int best = -1;
        for (Map.Entry<String, ScriptResponder> e : scriptServers.entrySet()) {
            if (script.url().startsWith(e.getKey()) && e.getKey().length() > best) {
                best = e.getKey().length();
                responder = e.getValue();
            }
        }
        ScriptRequest request = new ScriptRequest(script);
        if (responder == null) {
            request.fail();
        } else {
            final ScriptResponder chosen = responder;
            runGuarded(() -> chosen.respond(request));
        }
    }

    SimWebSocket connectWebSocket(SimWindow page, String url, WebSocketListener listener) {
        SimWebSocketServer server = socketServers.get(url);
        if (server == null) {
            // Nobody listens there: the page hears of it like of a refused upgrade.
            server = new SimWebSocketServer(this, url, null);
            server.stop();
        }
        return server.connect(page, listener);
    }

    void register(SimWindow window) {
        windows.add(window);
    }

    void registerPort(SimPort port) {
        ports.add(port);
    }

    Random idRandom() {
        return idRandom;
    }

    int loadDelayMillis() {
        return loadDelayMillis;
    }

    boolean hasMessageChannels() {
        return messageChannels;
    }

    boolean limitsNavigationRate() {
        return navigationRateLimit;
    }

    void recordThrottled() {
        if (throttledNavigations++ == 0) {
            console.add("Throttling navigation to prevent the browser from hanging. See https://crbug.com/1038223.");
        }
    }

    boolean hasHashChangeEvents() {
        return hashChangeEvents;
    }

    void recordNavigation(String url) {
        navigations.add(url);
    }

    boolean hasAncestorOrigins() {
        return ancestorOrigins;
    }

    void recordConsole(String line) {
        console.add(line);
    }

    void recordDebug(SimWindow window, String line) {
        debugLines.add("[" + window.origin() + "] " + line);
    }

    void closePortsOf(SimWindow window) {
        for (SimPort p : ports) {
            if (p.owner() == window) {
                p.close();
            }
        }
    }

    SimPostOffice postOffice() {
        return postOffice;
    }
}
