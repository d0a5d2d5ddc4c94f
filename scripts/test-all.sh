#!/usr/bin/env bash
# `npm test`: every suite — web unit tests, unit + integration on PGlite, the integration suite again on a real
# PostgreSQL 15 server started here, then the end-to-end journeys in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-deps.sh
echo "== Web unit tests"
npm run test:web
echo "== Unit and integration tests on PGlite"
npm run test:unit
echo "== Integration tests on PostgreSQL 15"
TEST_ENGINE=postgres bash scripts/test-postgres.sh npm run test:unit
echo "== End-to-end journeys in Chromium"
npm run test:e2e
