#!/usr/bin/env bash
# The test command: installs what is missing, builds everything (tests included) and runs the
# whole suite. Usage: ops/scripts/test.sh [extra `swift test` arguments, e.g. --filter KafkaTests]
set -euo pipefail
cd "$(dirname "$0")/../.."
. ops/scripts/env.sh
ops/scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
