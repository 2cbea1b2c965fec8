// The kuayu folder copied into a site (here the installed one), imported by its path: kuayu.d.mts types kuayu.mjs.
import * as kuayu from "../node_modules/kuayu/kuayu.mjs";

export const channel: kuayu.Channel = kuayu.connect({ remote: "https://other.example/remote.html" });
export const version: string = kuayu.default.version;
