# Sourced by scripts/test.sh and scripts/bench.sh: makes sure Debian's Chromium, its driver and Maven are there.
# Installs chromium and chromium-driver when they are missing and this runs as root; otherwise stops and says what
# to install. Nothing downloads a browser of its own. Usage: require_chromium <name of the calling script>
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

require_chromium() {
  local who="$1"
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "$who: $CHROMIUM or $CHROMEDRIVER is missing; installing Debian's chromium and chromium-driver" >&2
      export DEBIAN_FRONTEND=noninteractive
      # Wait for another apt/dpkg run to finish instead of failing on its lock.
      apt-get -o DPkg::Lock::Timeout=600 update
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium chromium-driver
    else
      echo "$who: this needs Debian's Chromium and its driver ($CHROMIUM, $CHROMEDRIVER)." >&2
      echo "Install them as root, then run this again:" >&2
      echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
      exit 1
    fi
    for tool in "$CHROMIUM" "$CHROMEDRIVER"; do
      if [ ! -x "$tool" ]; then
        echo "$who: $tool is still missing after installing chromium and chromium-driver" >&2
        exit 1
      fi
    done
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "$who: Maven (mvn) is not on PATH; install it (apt-get install -y maven) and JDK 17" >&2
    exit 1
  fi
}
