package org.kuayu.facade;

import java.util.ArrayList;
import java.util.List;

import org.kuayu.core.DebugLog;
import org.kuayu.core.RequestHandler;

/** {@link FacadeHooks} that record what the user's callbacks would have seen. */
final class RecordingHooks implements FacadeHooks {
    final List<String> events = new ArrayList<String>();
    final List<String> debugLines = new ArrayList<String>();
    RequestHandler handler;
    String scriptUrl;
    FacadeTransports transports = FacadeTransports.all();

    @Override
    public void ready() {
        events.add("ready");
    }

    @Override
    public boolean message(String json, String origin) {
        events.add("message " + json + " " + origin);
        return true;
    }

    @Override
    public void closed() {
        events.add("closed");
    }

    @Override
    public void error(String code, String message) {
        events.add("error " + code);
    }

    @Override
    public RequestHandler requestHandler() {
        return handler;
    }

    @Override
    public DebugLog.Sink debugFunction() {
        return debugLines::add;
    }

    @Override
    public String scriptUrl() {
        return scriptUrl;
    }

    @Override
    public FacadeTransports transports() {
        return transports;
    }
}
