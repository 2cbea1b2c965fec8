package org.kuayu.dist;

import java.nio.file.Path;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * Two origins on free loopback ports, as two sites of a user: each serves the scratch project's {@code public}
 * folder at {@code /} and the installed package ({@code node_modules/kuayu}) at {@code /kuayu/}. Chromium reaches
 * them as {@code www.app.localhost} (the host) and {@code www.remote.localhost} (the remote).
 */
final class TwoSites implements AutoCloseable {
    private final Server host;
    private final Server remote;

    private TwoSites(Server host, Server remote) {
        this.host = host;
        this.remote = remote;
    }

    static TwoSites start(Path pages, Path kuayuFolder) throws Exception {
        Server host = site(pages, kuayuFolder);
        try {
            return new TwoSites(host, site(pages, kuayuFolder));
        } catch (Exception e) {
            host.stop();
            throw e;
        }
    }

    String hostOrigin() {
        return "http://www.app.localhost:" + port(host);
    }

    String remoteOrigin() {
        return "http://www.remote.localhost:" + port(remote);
    }

    @Override
    public void close() throws Exception {
        try {
            host.stop();
        } finally {
            remote.stop();
        }
    }

    private static Server site(Path pages, Path kuayuFolder) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ContextHandlerCollection(
            new ContextHandler(folder(kuayuFolder), "/kuayu"),
            new ContextHandler(folder(pages), "/")));
        server.start();
        return server;
    }

    private static Handler folder(Path path) {
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.root().newResource(path));
        files.setDirAllowed(false);
        return files;
    }

    private static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
