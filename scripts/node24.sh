#!/usr/bin/env bash
# Runs the whole suite again on Node.js 24 (issue 9: most users are on 22 or 24; this machine's
# Node 20 stays the default). Node 24 comes from the npm registry (the node-linux-<arch> package,
# which also carries Node's headers), cached in ~/.cache/nestjs-social. better-sqlite3's addon is
# built for Node 24 from the installed sources (no prebuilt download: only the npm registry is
# reachable), cached by version and ABI, swapped in for the run and swapped back on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${XDG_CACHE_HOME:-$HOME/.cache}/nestjs-social"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node24.sh: no Node 24 package for $(uname -m)" >&2; exit 1 ;;
esac
node24="$cache/node-24/node_modules/node-linux-$arch"
if [ ! -x "$node24/bin/node" ]; then
  echo "Installing Node.js 24 from the npm registry into $cache/node-24"
  npm install --prefix "$cache/node-24" --no-audit --no-fund --no-package-lock --silent \
    "node-linux-$arch@24"
fi
echo "Node.js $("$node24/bin/node" --version)"

addon_dir=node_modules/better-sqlite3/build/Release
sqlite_version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
abi=$("$node24/bin/node" -p process.versions.modules)
built="$cache/better-sqlite3-$sqlite_version-abi$abi"
# True when the addon $1 loads on Node 24 (an addon of another ABI is refused at load).
loads_on_node24() {
  "$node24/bin/node" -e "require(process.argv[1])" "$1" 2>/dev/null
}
if [ ! -f "$built/better_sqlite3.node" ] || ! loads_on_node24 "$built/better_sqlite3.node"; then
  echo "Building better-sqlite3 $sqlite_version for Node.js 24 (ABI $abi)"
  work=$(mktemp -d)
  cp -r node_modules/better-sqlite3 "$work/better-sqlite3"
  rm -rf "$work/better-sqlite3/build"
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  # Under `npm run`, npm exports its own nodedir (this machine's Node 20 headers), which node-gyp
  # takes over --nodedir: point both at Node 24's.
  (cd "$work/better-sqlite3" &&
    PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
      node "$gyp" rebuild --release --nodedir="$node24" >"$work/gyp.log" 2>&1) ||
    { tail -30 "$work/gyp.log" >&2; exit 1; }
  addon="$work/better-sqlite3/build/Release/better_sqlite3.node"
  loads_on_node24 "$addon" ||
    { echo "node24.sh: the addon built for Node.js 24 does not load on it" >&2; exit 1; }
  mkdir -p "$built"
  cp "$addon" "$built/"
  rm -rf "$work"
fi

saved=$(mktemp)
cp "$addon_dir/better_sqlite3.node" "$saved"
restore() { cp "$saved" "$addon_dir/better_sqlite3.node" && rm -f "$saved"; }
trap restore EXIT
cp "$built/better_sqlite3.node" "$addon_dir/better_sqlite3.node"

# Child processes (the sample app, npm pack, the fresh apps' installs) run on Node 24 too, and
# native addons they build use its headers.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" node node_modules/vitest/vitest.mjs run
