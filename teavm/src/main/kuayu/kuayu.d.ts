// Type declarations of the kuayu JS API, the one source of kuayu.d.mts (ES module) and kuayu.d.ts (the global).

/** Codes of KuayuError.code. */
export type KuayuErrorCode =
  | "TIMEOUT"
  | "ORIGIN_REJECTED"
  | "CLOSED"
  | "REMOTE_ERROR"
  | "TRANSPORT_UNAVAILABLE"
  | "INVALID_ARGUMENT"
  | "TRANSMISSION_FAILED";

/** Every error Kuayu gives is an Error with a code. */
export interface KuayuError extends Error {
  name: "KuayuError";
  code: KuayuErrorCode;
}

/** Any value JSON can carry. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A page-to-page transport's name. */
export type PageTransport = "postMessage" | "domain" | "name" | "hash";

export interface ChannelOptions {
  /**
   * "auto" (default), one transport to force, or a list of distinct page transports. A host's "auto" tries
   * postMessage, domain, name and hash in turn; a list is tried in its order. A remote's "auto" listens on postMessage
   * alone; a list (e.g. ["postMessage", "name", "hash"]) opts in to each transport it names, all listened on at once.
   * "websocket" (connect only, alone): remote is a ws:// or wss:// URL of a server endpoint (KuayuWebSocketHandler).
   */
  transport?: "auto" | PageTransport | "websocket" | PageTransport[];
  /** Milliseconds for the handshake and for each request; default 10000. */
  timeout?: number;
  /**
   * The channel is ready; called again after the remote page reloaded (or, over "websocket", the connection dropped
   * and came back) and the channel re-opened.
   */
  onReady?: () => void;
  /** A one-way message arrived from `origin`. */
  onMessage?: (data: any, origin: string) => void;
  /** Answer a request: return a JSON value or a Promise of one; a throw or rejection reaches the caller as REMOTE_ERROR. */
  onRequest?: (data: any, origin: string) => JsonValue | PromiseLike<JsonValue>;
  /** The channel closed (either side), once. */
  onClose?: () => void;
  /**
   * An error not tied to one request (failed handshake, remote gone); with "auto", also each fallback; over
   * "websocket", TRANSMISSION_FAILED each time the connection dropped (it reconnects; onReady follows).
   */
  onError?: (error: KuayuError) => void;
  /**
   * URL of proxy.html (of the kuayu folder) on this page's own origin, for transports "hash" (host) and "name" (both
   * sides). Default: the proxy.html next to kuayu.js / kuayu.mjs (kuayu-gwt.js: next to the script named kuayu-gwt.js).
   */
  proxy?: string;
  /** true: debug lines to console.debug; a function: debug lines to it. */
  debug?: boolean | ((line: string) => void);
  /**
   * true: allow "name" and "hash" although a page of another origin frames this page (host) or the host page (remote).
   * Default false: such an ancestor may navigate the frames these transports write and read them, secrets included.
   */
  trustAncestors?: boolean;
}

export interface ConnectOptions extends ChannelOptions {
  /** URL of the remote page (Kuayu creates a hidden iframe for it), or with "websocket" the server's ws(s):// URL. */
  remote?: string;
  /** An existing iframe to use instead (not with transport "name", whose frame Kuayu must create). */
  frame?: HTMLIFrameElement;
}

export interface AcceptOptions extends ChannelOptions {
  /** Exact origins allowed to connect, e.g. ["https://www.example.com"]. Required unless allowAnyOrigin. */
  allowedOrigins?: string[];
  /** Admit every origin (public, non-sensitive services only). */
  allowAnyOrigin?: boolean;
  /**
   * The host pages' proxy.html URLs this page may write to over "name" and "hash", compared exactly (absolute, no
   * query). Default: "<allowed origin>/kuayu/proxy.html" for each allowed origin.
   */
  hostProxies?: string[];
}

export interface Channel {
  /** One-way message; queued until ready. Throws INVALID_ARGUMENT or CLOSED. */
  send(data: JsonValue): void;
  /** Request/reply; rejects with a KuayuError (TIMEOUT, CLOSED, REMOTE_ERROR, ...). */
  request(data: JsonValue): Promise<any>;
  /** The same with callbacks, for pages without Promise. */
  request(data: JsonValue, onReply: (reply: any) => void, onError: (error: KuayuError) => void): void;
  /** Closes both ends; pending requests fail with CLOSED. */
  close(): void;
  /** True between handshake and close. */
  readonly ready: boolean;
  /** The transport in use once ready, else null. */
  readonly transport: string | null;
  /** The remote origin (host: always; remote: once a host connected). */
  readonly origin: string | null;
  /** "connecting", "ready" or "closed". */
  readonly state: "connecting" | "ready" | "closed";
}

export interface JsonpOptions {
  /** Query parameters, percent-encoded as UTF-8 for you: strings, numbers and booleans only. */
  params?: { [name: string]: string | number | boolean };
  /** The query parameter the server reads the callback name from; default "callback". */
  callbackParam?: string;
  /** Milliseconds to wait for the callback before rejecting with TIMEOUT; default 10000. */
  timeout?: number;
  /** The page's Content-Security-Policy script nonce, set on the script element. */
  nonce?: string;
}

export interface Kuayu {
  readonly version: string;
  /** In the host page: open a channel to a page of another origin. Throws INVALID_ARGUMENT for bad options. */
  connect(options: ConnectOptions): Channel;
  /** In the remote page (inside the host's iframe): accept a channel from an allowed origin. */
  accept(options: AcceptOptions): Channel;
  /**
   * One JSONP call: resolves with the value the server passed to the callback; rejects with TRANSMISSION_FAILED
   * (404, refused, server down: at once) or TIMEOUT. Throws INVALID_ARGUMENT for bad arguments.
   */
  jsonp(url: string, options?: JsonpOptions): Promise<any>;
  /** The same with callbacks, for pages without Promise. (Not in kuayu-pm.js, the postMessage-only build.) */
  jsonp(url: string, options: JsonpOptions | undefined, onSuccess: (reply: any) => void,
    onError: (error: KuayuError) => void): void;
  /**
   * The origin Kuayu's checks see in a URL (resolved against the page), serialised as browsers do:
   * origin("HTTP://Example.com:80/a.js") is "http://example.com". Throws INVALID_ARGUMENT for a URL with no origin.
   */
  origin(url: string): string;
}

declare const kuayu: Kuayu;
export default kuayu;
export declare const version: string;
export declare const connect: Kuayu["connect"];
export declare const accept: Kuayu["accept"];
export declare const jsonp: Kuayu["jsonp"];
export declare const origin: Kuayu["origin"];
