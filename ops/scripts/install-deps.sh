#!/usr/bin/env bash
# Installs what building and testing guance-jira-sync needs on a fresh Debian machine:
# librdkafka-dev (the C library our Kafka module wraps) and pkg-config. Idempotent: does nothing
# when they are present. Swift itself is expected at /opt/swift or on PATH.
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

need=()
pkg-config --version >/dev/null 2>&1 || need+=(pkg-config)
command -v python3 >/dev/null 2>&1 || need+=(python3 python3-venv python3-pip)
if ! pkg-config --exists rdkafka 2>/dev/null || [ ! -f /usr/include/librdkafka/rdkafka_mock.h ]; then
    need+=(librdkafka-dev)
fi
for extra in "$@"; do
    dpkg -s "$extra" >/dev/null 2>&1 || need+=("$extra")
done

if [ "${#need[@]}" -gt 0 ]; then
    echo "install-deps: installing ${need[*]}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Tests validate events against topics/schemas with Python's jsonschema, and drive the Jira
# simulator with the `jira` package in a throwaway virtualenv (created by the test itself).
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    echo "install-deps: installing the jsonschema Python package" >&2
    python3 -m pip install -q jsonschema 2>/dev/null || python3 -m pip install -q --break-system-packages jsonschema
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
    echo "install-deps: Swift 6.3 is required (https://www.swift.org/install/linux/); not found on PATH or in /opt/swift" >&2
    exit 1
fi
