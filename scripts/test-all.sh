#!/usr/bin/env bash
# npm test: typecheck, lint (ESLint with the layer rules, Prettier check), unit + integration tests
# (vitest), end-to-end tests (Playwright), in that order, stopping at the first step that fails.
# Integration tests also run against PostgreSQL when TEST_DATABASE_URL is set. Ends with one plain line: `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

REPORTS=.cache/test-reports
mkdir -p "$REPORTS"
rm -f "$REPORTS/vitest.json" "$REPORTS/playwright.json"
STARTED=$SECONDS
TIMINGS=()

# Test counts from the JSON reports the runners leave behind (vitest: jest format; Playwright: stats).
count() {
  node -e '
    const fs = require("fs");
    let passed = 0, failed = 0;
    const read = (file) => { try { return JSON.parse(fs.readFileSync(file, "utf8")); } catch { return null; } };
    const vitest = read(process.argv[1]);
    if (vitest) { passed += vitest.numPassedTests ?? 0; failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0); }
    const playwright = read(process.argv[2]);
    if (playwright?.stats) { passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0); failed += playwright.stats.unexpected ?? 0; }
    console.log(`${passed} passed, ${failed} failed`);
  ' "$REPORTS/vitest.json" "$REPORTS/playwright.json"
}

summary() {
  local status=$1
  echo
  echo "── npm test ──────────────────────────────"
  for line in "${TIMINGS[@]}"; do echo "  $line"; done
  echo "  total $((SECONDS - STARTED)) s"
  local counts
  counts=$(count)
  if [ "$status" -ne 0 ]; then
    # A step that fails before any test ran (typecheck, a missing browser) still counts as a failure.
    case "$counts" in *" 0 failed") counts="${counts% 0 failed} 1 failed" ;; esac
  fi
  echo "$counts"
}

step() {
  local name=$1
  shift
  echo
  echo "══ $name: $* ══"
  local begin=$SECONDS
  "$@"
  local status=$?
  if [ "$status" -eq 0 ]; then
    TIMINGS+=("$name: ok ($((SECONDS - begin)) s)")
  else
    TIMINGS+=("$name: FAILED, exit $status ($((SECONDS - begin)) s)")
    summary "$status"
    exit "$status"
  fi
}

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  echo "note: TEST_DATABASE_URL is not set: integration tests run on PGlite only (.ci/run also starts a PostgreSQL server)"
fi

step typecheck npx tsc --noEmit
step lint npm run --silent lint
step vitest npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"
step e2e npm run --silent test:e2e
summary 0
