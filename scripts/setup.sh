#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine: Debian packages (when root and missing) and the
# exact npm dependencies from package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: Chromium for the UI's end-to-end tests (driven by playwright-core); tcpdump,
# dumpcap (wireshark-common) and sipp (sip-tester) for the live-capture tests on the loopback interface; iproute2
# for the test that removes an interface mid-capture (a veth pair of its own).
APT_PACKAGES=(chromium tcpdump wireshark-common sip-tester iproute2)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]} (not root: install them, or the tests that need them will say why they cannot run)" >&2
  fi
fi

npm ci --no-audit --no-fund
