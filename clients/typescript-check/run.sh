#!/usr/bin/env bash
# Generates the TypeScript client from a running service's /openapi.json, type-checks src/client.ts against it
# and runs it against that service. Usage: clients/typescript-check/run.sh http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")"
export BASE_URL=${1:?usage: run.sh BASE_URL}
npm install --no-audit --no-fund --loglevel=error
npm run --silent generate
npm run --silent build
npm run --silent check
