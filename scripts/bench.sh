#!/usr/bin/env bash
# Runs Kuayu's benchmarks in Debian's headless Chromium and writes docs/benchmarks.md: round trips per second
# (raw MessagePort, raw window postMessage, Kuayu), time to ready, the bundle sizes and each bundle's compile
# time. Takes a few minutes.
# Extra arguments go to the runner (org.kuayu.bench.Benchmarks): --runs=N --warmup=MS --millis=MS --out=FILE
#
# Needs JDK 17 and Maven. Debian's chromium and chromium-driver are installed when missing and this runs as
# root; otherwise it stops and says what to install. Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=lib/require-chromium.sh
. scripts/lib/require-chromium.sh
require_chromium bench.sh

mvn -B -q install -DskipTests -pl bench -am

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
  echo "teavm=$(millis_of mvn -B -q -o -pl teavm org.teavm:teavm-maven-plugin:compile@kuayu-js)"
  # GWT skips a compile whose output looks up to date: remove the output so it compiles again.
  rm -rf gwt/target/gwt/war
  echo "gwt=$(millis_of mvn -B -q -o -pl gwt net.ltgt.gwt.maven:gwt-maven-plugin:compile@kuayu-gwt)"
} > "$build_times"
# The runner is one self-contained jar (demo pages and kuayu.js inside), so a build started elsewhere while the
# bench runs cannot swap files under it. --out (default docs/benchmarks.md) is relative to the repository root.
exec java -jar bench/target/kuayu-bench.jar --build-times="$build_times" "$@"
