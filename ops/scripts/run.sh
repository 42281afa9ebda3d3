#!/usr/bin/env bash
# The main job on a fresh machine, with embedded defaults (no credentials, no network):
# installs what is missing, builds everything, then runs `sync-dev demo` (the development tool) —
# the dev broker, the Guance and Jira simulators and the four production stage executables as
# separate processes, a scripted story on both sides, a checked summary (exit 0 when every check passed).
# Arguments go to `sync-dev demo` (e.g. --jira-flavour data-center --jira-locale zh_CN).
set -euo pipefail
cd "$(dirname "$0")/../.."
. ops/scripts/env.sh
ops/scripts/install-deps.sh
swift build
exec .build/debug/sync-dev demo "$@"
