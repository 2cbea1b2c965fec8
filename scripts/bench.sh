#!/usr/bin/env bash
# Runs Kuayu's benchmarks in Debian's headless Chromium and writes docs/benchmarks.md: round trips per second
# (raw MessagePort, raw window postMessage, Kuayu), time to ready, and the bundle sizes. Takes a few minutes.
# Extra arguments go to the runner (org.kuayu.bench.Benchmarks): --runs=N --warmup=MS --millis=MS --out=FILE
#
# Needs JDK 17 and Maven. Debian's chromium and chromium-driver are installed when missing and this runs as
# root; otherwise it stops and says what to install. Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bench.sh: $CHROMIUM or $CHROMEDRIVER is missing; installing Debian's chromium and chromium-driver" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Wait for another apt/dpkg run to finish instead of failing on its lock.
    apt-get -o DPkg::Lock::Timeout=600 update
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium chromium-driver
  else
    echo "bench.sh: the benchmarks need Debian's Chromium and its driver ($CHROMIUM, $CHROMEDRIVER)." >&2
    echo "Install them as root, then run this again:" >&2
    echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
  for tool in "$CHROMIUM" "$CHROMEDRIVER"; do
    if [ ! -x "$tool" ]; then
      echo "bench.sh: $tool is still missing after installing chromium and chromium-driver" >&2
      exit 1
    fi
  done
fi

if ! command -v mvn >/dev/null 2>&1; then
  echo "bench.sh: Maven (mvn) is not on PATH; install it (apt-get install -y maven) and JDK 17" >&2
  exit 1
fi

mvn -B -q install -DskipTests -pl bench -am
# The runner is one self-contained jar (demo pages and kuayu.js inside), so a build started elsewhere while the
# bench runs cannot swap files under it. --out (default docs/benchmarks.md) is relative to the repository root.
exec java -jar bench/target/kuayu-bench.jar "$@"
