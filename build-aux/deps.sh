# Sourced by build-aux/run and build-aux/test: installs the Debian packages
# Segmenta needs to build and test, only those that are missing.
# shellcheck shell=bash

SEG_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libcsv-dev libgsl-dev libjson-glib-dev libxlsxwriter-dev libpq-dev libsqlite3-dev libsecret-1-dev
  gettext desktop-file-utils appstream
)
# build-aux/fuzz and the sanitizer builds: libFuzzer and the sanitizer
# runtimes come with clang; lld links clang's sanitizer builds
SEG_FUZZ_PACKAGES=(
  clang libclang-rt-14-dev lld
)
SEG_TEST_PACKAGES=(
  xvfb xauth xdotool x11-utils imagemagick dbus dbus-daemon
  flatpak-builder fonts-dejavu-core poppler-utils locales unzip
  postgresql
)

seg_missing_packages () {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]}"
}

seg_install_packages () {
  local missing
  missing=$(seg_missing_packages "$@")
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "Missing packages: $missing (run as root or install them)" >&2; return 1; fi
  fi
  echo "Installing: $missing"
  local log
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "Could not install: $missing" >&2
    return 1
  fi
  rm -f "$log"
}

# The German tests need the de_DE.UTF-8 locale; Debian's "locales" package
# ships its source, and localedef builds it in a few seconds.
seg_ensure_locale () {
  local name=$1 sudo=""
  locale -a 2>/dev/null | grep -qix "${name/UTF-8/utf8}" && return 0
  [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo="sudo"
  $sudo localedef -i "${name%%.*}" -f UTF-8 "$name" >/dev/null 2>&1 ||
    echo "Could not generate the $name locale" >&2
}
