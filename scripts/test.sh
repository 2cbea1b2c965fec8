#!/usr/bin/env bash
# Runs every test of Kuayu: the unit tests of each module and the browser integration tests (it-tests) in
# HtmlUnit and in Debian's headless Chromium. Extra arguments go to Maven, e.g. ./scripts/test.sh -pl it-tests -am
#
# Needs JDK 17 and Maven. Debian's chromium, chromium-driver and nginx (the integration tests run a real nginx
# with docs/nginx/kuayu-demo.conf) are installed when missing and this runs as root; otherwise it stops and says
# what to install. Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=lib/require-chromium.sh
. scripts/lib/require-chromium.sh
require_chromium test.sh nginx

mvn -B verify "$@"
