#!/usr/bin/env bash
# Runs every test of Kuayu: the unit tests of each module, the browser integration tests (it-tests) in HtmlUnit and
# in three real engines from Debian (headless Chromium, headless Firefox ESR, WebKitGTK on Xvfb), the npm package as
# a user installs it (dist), and then the examples (examples/*), each built as a user would, against the artifacts
# this run installed into the local Maven repository.
# Extra arguments go to Maven, e.g. ./scripts/test.sh -pl it-tests -am; with any, the examples are not built.
#
# Needs JDK 17 and Maven. Debian's chromium, chromium-driver, firefox-esr (driven over WebDriver BiDi: there is no
# geckodriver), webkit2gtk-driver and xvfb (WebKitGTK's MiniBrowser needs a display), nginx (the integration tests
# run a real nginx with docs/nginx/kuayu-demo.conf) and npm (nodejs, npm: dist packs and installs the npm package,
# with tsc and esbuild from the npm registry at the versions dist/src/test/consumer pins) are installed when missing
# and this runs as root; otherwise it stops and says what to install. Nothing downloads a browser of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=lib/require-chromium.sh
. scripts/lib/require-chromium.sh
require_chromium test.sh engines nginx npm

mvn -B install "$@"
if [ "$#" -eq 0 ]; then
  mvn -B -f examples/pom.xml verify
fi
