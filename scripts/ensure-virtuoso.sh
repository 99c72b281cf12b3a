#!/usr/bin/env bash
# The endpoint tests run against a real Virtuoso; install Debian's server binary where it is missing.
# Needs root (CI runs as root); elsewhere it says what to do and the Virtuoso tests skip with that reason.
set -u
command -v virtuoso-t >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing virtuoso-opensource-7-bin for the endpoint tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
     virtuoso-opensource-7-bin) >&2 || echo "could not install Virtuoso; its tests will be skipped" >&2
else
  echo "Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin); its tests will be skipped" >&2
fi
exit 0
