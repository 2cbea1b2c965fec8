# Sourced by scripts/test.sh and scripts/bench.sh: makes sure Debian's Chromium, its driver and Maven are there,
# and when asked for: the other two browser engines (Firefox ESR, driven over WebDriver BiDi; WebKitGTK's driver
# and MiniBrowser, on an Xvfb display), nginx and npm. Installs what is missing when this runs as root (one apt-get
# update for all of it); otherwise stops and says what to install. Nothing downloads a browser of its own, and nginx
# is only installed, never started as a service: the tests run their own on loopback ports.
# Usage: require_chromium <name of the calling script> [engines] [nginx] [npm]
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
NGINX=/usr/sbin/nginx
FIREFOX=/usr/bin/firefox-esr
WEBKITDRIVER=/usr/bin/WebKitWebDriver
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
XVFB=/usr/bin/Xvfb
# A font with Chinese characters, so that the demo pages' Chinese lines show in the tests' screenshots; optional.
FONT_CJK=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

require_chromium() {
  local who="$1"
  local wanted=" ${*:2} "
  local packages=()
  local tools=()
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    packages+=(chromium chromium-driver)
    tools+=("$CHROMIUM" "$CHROMEDRIVER")
  fi
  if [[ "$wanted" == *" engines "* ]]; then
    if [ ! -x "$FIREFOX" ]; then
      packages+=(firefox-esr)
      tools+=("$FIREFOX")
    fi
    if [ ! -x "$WEBKITDRIVER" ] || [ ! -x "$MINIBROWSER" ]; then
      packages+=(webkit2gtk-driver)
      tools+=("$WEBKITDRIVER" "$MINIBROWSER")
    fi
    if [ ! -x "$XVFB" ]; then
      packages+=(xvfb)
      tools+=("$XVFB")
    fi
  fi
  if [[ "$wanted" == *" nginx "* ]] && [ ! -x "$NGINX" ]; then
    packages+=(nginx)
    tools+=("$NGINX")
  fi
  if [[ "$wanted" == *" npm "* ]] && ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
    tools+=(npm)
  fi
  local optional=()
  if [ ! -e "$FONT_CJK" ]; then
    optional+=(fonts-wqy-microhei)
  fi
  if [ "${#packages[@]}" -eq 0 ] && [ "${#optional[@]}" -gt 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "$who: note: without Debian's ${optional[*]} the screenshots show Chinese text as boxes" >&2
  elif [ "${#packages[@]}" -gt 0 ] || [ "${#optional[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      packages+=("${optional[@]}")
      echo "$who: ${tools[*]:-nothing required} missing; installing Debian's ${packages[*]}" >&2
      export DEBIAN_FRONTEND=noninteractive
      # Wait for another apt/dpkg run to finish instead of failing on its lock.
      apt-get -o DPkg::Lock::Timeout=600 update
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${packages[@]}"
    else
      echo "$who: this needs Debian's ${packages[*]} (${tools[*]})." >&2
      echo "Install them as root, then run this again:" >&2
      echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
      exit 1
    fi
    for tool in "${tools[@]}"; do
      if [ ! -x "$tool" ] && ! command -v "$tool" >/dev/null 2>&1; then
        echo "$who: $tool is still missing after installing ${packages[*]}" >&2
        exit 1
      fi
    done
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "$who: Maven (mvn) is not on PATH; install it (apt-get install -y maven) and JDK 17" >&2
    exit 1
  fi
}
