/// <reference types="kuayu/global" />
// A classic script of a page that loads kuayu.js with <script>: no import, the global kuayu, checked by tsc --strict.

const channel: kuayu.Channel = kuayu.connect({
  remote: "https://other.example/remote.html",
  timeout: 5000,
  onMessage: (data: unknown, origin: string) => console.log(origin, data),
  onError: (error: kuayu.KuayuError) => console.warn(error.code, error.message),
});
channel.request({ question: 42 }).then((reply: unknown) => console.log(reply));

const options: kuayu.AcceptOptions = { allowedOrigins: ["https://www.example.com"] };
const code: kuayu.KuayuErrorCode = "TIMEOUT";
console.log(kuayu.version, kuayu.origin("HTTP://Example.com:80/a.js"), options, code);
