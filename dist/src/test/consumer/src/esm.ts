// A page's module, bundled by esbuild: the kuayu package imported as an ES module, checked by tsc --strict.
import kuayu, { connect, type Channel, type KuayuError } from "kuayu";

const remote: string | null = new URLSearchParams(location.search).get("remote");
if (remote === null) {
  throw new Error("open this page with ?remote=<URL of remote.html>");
}

function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element !== null) {
    element.textContent = text;
  }
}

function ask(channel: Channel, id: string): void {
  channel.request({ question: 42 }).then(
    (reply: unknown) => show(id, channel.transport + " " + JSON.stringify(reply)),
    (error: KuayuError) => show(id, "error " + error.code + ": " + error.message));
}

show("version", kuayu.version);

// postMessage, chosen by "auto".
const auto: Channel = connect({
  remote,
  onReady: () => ask(auto, "auto"),
  onError: (error: KuayuError) => show("auto-error", error.code),
});

// window.name goes through proxy.html of this page's own site: a bundle must say where it is (the default, next to
// the script, is next to the bundle).
const viaName: Channel = kuayu.connect({
  remote,
  transport: "name",
  proxy: "/kuayu/proxy.html",
  onReady: () => ask(viaName, "name"),
  onError: (error: KuayuError) => show("name-error", error.code),
});

// The same without proxy: the default, /proxy.html next to the bundle, is not there. The channel fails at once with
// TRANSPORT_UNAVAILABLE naming that URL, long before its timeout.
const forgot: Channel = connect({
  remote,
  transport: "name",
  timeout: 120000,
  onReady: () => show("forgot", "ready"),
  onError: (error: KuayuError) => show("forgot-error", error.code + ": " + error.message),
});
