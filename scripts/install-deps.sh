#!/usr/bin/env bash
# Installs the Debian packages massagelog needs to build, test and run its
# demo. Does nothing when they are already present; needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libboost-program-options-dev
  libhowardhinnant-date-dev tzdata
  catch2
  libfmt-dev nlohmann-json3-dev nettle-dev
  libsodium-dev libcpp-httplib-dev libssl-dev libicu-dev
  chromium chromium-driver python3-selenium
  python3 libxml2-utils
  clang libclang-rt-14-dev
  util-linux hyperfine time
  lintian nginx
  weasyprint poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}" >&2
bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
