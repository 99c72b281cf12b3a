#!/usr/bin/env bash
# What the tests need beyond Python packages: Debian's Virtuoso (endpoint tests), Chromium (browser tests) and curl
# (server tests with unusual Accept headers).
# Installed where missing when running as root with apt (CI); elsewhere it says what to do, and those tests
# skip with that reason.
set -u
missing=()
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource-7-bin)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} for the tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     "${missing[@]}") >&2 || echo "could not install ${missing[*]}; those tests will be skipped" >&2
else
  echo "not installed: ${missing[*]} (apt-get install them); those tests will be skipped" >&2
fi
exit 0
