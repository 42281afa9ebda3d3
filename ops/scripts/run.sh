#!/usr/bin/env bash
# The main job on a fresh machine, with embedded defaults (no credentials, no network):
# builds syncctl and runs the dev broker (an in-memory Kafka mock cluster with every topic of
# topics/). Until the pipeline lands, this is what there is to run. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
. ops/scripts/env.sh
ops/scripts/install-deps.sh
swift build --product syncctl
exec .build/debug/syncctl dev-broker "$@"
