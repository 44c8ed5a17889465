#!/bin/sh
# Installs Debian's Node.js and npm for the admin page (Decap CMS) and `make edit`; the npm
# packages themselves come from package-lock.json through `npm ci`.
set -eu
if command -v npm >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cần Node.js (có npm) để sửa bằng biểu mẫu: cài từ trang của Node.js hoặc 'apt-get install nodejs npm'." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Cần Node.js (có npm) để sửa bằng biểu mẫu: hãy cài Node.js rồi chạy lại." >&2
  exit 1
fi
echo "Đang cài Node.js và npm (gói Debian)..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
command -v npm >/dev/null
