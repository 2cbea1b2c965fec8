#!/usr/bin/env bash
# Runs Kuayu's benchmarks in Debian's headless Chromium and writes docs/benchmarks.md: round trips per second
# (raw MessagePort, raw window postMessage, Kuayu, penpal, easyXDM, post-robot), time to ready, 100 KB over
# window.name and location.hash, JSONP (kuayu.jsonp against fetch-jsonp; the server's JsonpHandler under load),
# the bundle sizes against the peers' and each bundle's compile time; then the demo server's JSONP, CORS, proxy and
# WebSocket endpoints under a loopback load (64 clients for 30 s each) and a proxy whose upstream fails. Takes
# several minutes. Extra arguments go to the runner (org.kuayu.bench.Benchmarks): --runs=N --warmup=MS --millis=MS
# --out=FILE --load-clients=N --load-warmup=MS --load-millis=MS; --only=load measures only the load (no browser).
#
# Needs JDK 17, Maven and npm. Debian's chromium and chromium-driver are installed when missing and this runs as
# root; otherwise it stops and says what to install. Nothing downloads a browser of its own. The peers come from
# the npm registry, at the versions pinned below, into bench/.peers/ (ignored by git: none of their code is
# committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=lib/require-chromium.sh
. scripts/lib/require-chromium.sh
require_chromium bench.sh

if ! command -v npm >/dev/null 2>&1; then
  echo "bench.sh: npm is missing; it installs the peers the bench compares against (penpal, easyXDM, post-robot," >&2
  echo "fetch-jsonp) from the npm registry. Install it (Debian: apt-get install -y npm) and run again." >&2
  exit 2
fi
peers=bench/.peers
npm install --no-audit --no-fund --silent --prefix "$peers" \
  penpal@7.0.6 easyxdm@2.4.19-pre.2 post-robot@10.0.46 fetch-jsonp@1.4.0

# package, not install: the shaded jar takes demo-server and kuayu-teavm from this reactor's target folders, and
# nothing in ~/.m2 is replaced (other builds on the machine may be using it).
mvn -B -q package -DskipTests -pl bench -am

# Each compiler's run alone, on the modules just built: the build times of the report.
millis_of() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
build_times=bench/target/build-times.properties
{
  # With -am, so that the modules they compile come from this tree, not from ~/.m2; the modules below are up to
  # date, so their part is Maven's checks.
  echo "teavm=$(millis_of mvn -B -q -o -pl teavm -am process-classes)"
  # GWT skips a compile whose output looks up to date: remove the output so it compiles again.
  rm -rf gwt/target/gwt/war
  echo "gwt=$(millis_of mvn -B -q -o -pl gwt -am process-classes)"
} > "$build_times"
# The runner is one self-contained jar (demo pages and kuayu.js inside), so a build started elsewhere while the
# bench runs cannot swap files under it. --out (default docs/benchmarks.md) is relative to the repository root.
exec java -jar bench/target/kuayu-bench.jar --build-times="$build_times" --peers="$peers/node_modules" "$@"
