#!/bin/sh
# Installs the Debian programs `cchc import` uses for two formats, when missing:
#   Word 97-2003 .doc  -> LibreOffice headless (libreoffice-writer-nogui)
#   scanned PDF        -> Tesseract with its Vietnamese model, poppler's pdftoppm
# `make test` runs this so a fresh machine can test both; staff install the same packages.
set -eu
need=""
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
command -v tesseract >/dev/null 2>&1 || need="$need tesseract-ocr"
if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then need="$need tesseract-ocr-vie"; fi
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
if [ -z "$need" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cần quyền root để cài:$need (apt-get install$need)" >&2; exit 1
  fi
fi
echo "Đang cài gói Debian cho cchc import:$need" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # the package list is meant to split into words
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
command -v pdftoppm >/dev/null && command -v tesseract >/dev/null
