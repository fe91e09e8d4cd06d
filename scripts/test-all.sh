#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test.
# - Debian packages: PostgreSQL and Redis (the repository and state-store suites run on real
#   servers) and Chromium (the browser suite, test/browser, drives it with playwright-core),
#   installed only when missing;
#   needs root or sudo the first time. fonts-liberation is Chromium's recommended font (Arial's
#   metrics, used for buttons and inputs): without it the text still renders (fontconfig brings
#   DejaVu) but docs/*.png, which the browser suite rewrites, would come out different.
# - npm ci: the exact dependency tree of package-lock.json.
# - the suite on this machine's Node.js, then again on Node.js 24 (scripts/node24.sh: from the
#   npm registry, cached in ~/.cache/nestjs-social; SOCIAL_TEST_NODE24=0 skips it).
# The PostgreSQL and Redis servers themselves are started (and stopped) by the test run: see
# test/support/postgres.global-setup.ts and test/support/redis.global-setup.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf >/dev/null 2>&1 ||
  need+=(fonts-liberation)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run typecheck
npm test
if [ "${SOCIAL_TEST_NODE24:-1}" != 0 ]; then
  bash scripts/node24.sh
fi
