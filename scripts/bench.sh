#!/usr/bin/env bash
# Runs Kuayu's benchmarks in Debian's headless Chromium and writes docs/benchmarks.md: round trips per second
# (raw MessagePort, raw window postMessage, Kuayu), time to ready, and the bundle sizes. Takes a few minutes.
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
# The runner is one self-contained jar (demo pages and kuayu.js inside), so a build started elsewhere while the
# bench runs cannot swap files under it. --out (default docs/benchmarks.md) is relative to the repository root.
exec java -jar bench/target/kuayu-bench.jar "$@"
