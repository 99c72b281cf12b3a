#!/usr/bin/env bash
# What the tests need beyond Python packages: Debian's Virtuoso (endpoint tests), Chromium (browser tests),
# curl (server tests with unusual Accept headers), poppler-utils (pdftotext, PDF tests), Tesseract with the six
# languages' packs (OCR tests), DejaVu fonts (the test PDFs) and Noto CJK (Chinese pages in the browser tests and
# their screenshots).
# Installed where missing when running as root with apt (CI); elsewhere it says what to do, and those tests
# skip with that reason.
set -u
missing=()
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource-7-bin)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
for pack in eng fra spa rus ara chi-sim; do
  [ -e "/usr/share/tesseract-ocr/5/tessdata/${pack/-/_}.traineddata" ] || missing+=("tesseract-ocr-$pack")
done
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing+=(fonts-dejavu-core)
ls /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} for the tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     "${missing[@]}") >&2 || echo "could not install ${missing[*]}; those tests will be skipped" >&2
else
  echo "not installed: ${missing[*]} (apt-get install them); those tests will be skipped" >&2
fi
exit 0
