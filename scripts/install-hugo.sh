#!/bin/sh
# Installs Debian's Hugo for the benchmark's second baseline (`make bench`: the same pages built
# by a static site generator written in Go, with minimal templates). Nothing else needs it.
set -eu
if command -v hugo >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cần quyền root để cài Hugo: apt-get install hugo" >&2; exit 1
  fi
fi
echo "Đang cài Hugo (gói Debian) cho phép đo so sánh..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends hugo >/dev/null
command -v hugo >/dev/null
