#!/usr/bin/env bash
# The README's demo command: builds what the demo needs (tests skipped) and starts the demo sites on loopback.
# Extra arguments go to the demo server, e.g. --domain1=www.domain1.localhost:9081. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
  echo "demo.sh needs JDK 17 and Maven: apt-get install -y openjdk-17-jdk-headless maven" >&2
  exit 1
fi
mvn -B -q -pl demo-server -am install -DskipTests
exec java -jar demo-server/target/kuayu-demo.jar "$@"
