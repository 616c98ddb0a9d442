#!/usr/bin/env bash
# Runs the reference TypeScript MCP client against a running service's /mcp: initialize, tools/list, ask_council
# with progress, a resource, and a refusal without an API key. Usage: clients/mcp-check/run.sh http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")"
export BASE_URL=${1:?usage: run.sh BASE_URL}
npm install --no-audit --no-fund --loglevel=error
npm run --silent check
