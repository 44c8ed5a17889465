#!/bin/sh
# Installs Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium;
# no browser is downloaded from anywhere else).
set -eu
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cần quyền root để cài Chromium: apt-get install chromium" >&2; exit 1
  fi
fi
echo "Đang cài Chromium (gói Debian) cho kiểm thử trình duyệt..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
