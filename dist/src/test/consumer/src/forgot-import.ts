// A module that forgot its import: it must not type-check (a global kuayu would pass tsc and throw at run time).
export const channel = kuayu.connect({ remote: "https://other.example/remote.html" });
