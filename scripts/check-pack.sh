#!/usr/bin/env bash
# check-pack.sh — `npm pack` gives a tarball that installs and runs: the built CLI is in it, and
# `npm install ./kms-audit-<version>.tgz` in an empty project gives a working `kms-audit`.
# Run by .ci/run (it installs the dependencies from the npm registry or its cache, so it is not part of npm test).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# prepack builds dist/ first
tarball="$work/$(npm pack --pack-destination "$work" --silent | tail -n 1)"
tar -tzf "$tarball" >"$work/contents"
for required in package/dist/cli/main.js package/README.md package/LICENSE package/docs/iam-policy.json package/scripts/dump-aws-cli.sh; do
  grep -qx "$required" "$work/contents" || { echo "check-pack: $tarball lacks $required" >&2; exit 1; }
done
if grep -qE '^package/(src|test|tools|bench|node_modules)/' "$work/contents"; then
  echo "check-pack: $tarball holds sources or tests; check \"files\" in package.json" >&2
  exit 1
fi

mkdir "$work/consumer"
cd "$work/consumer"
npm init -y >/dev/null
# No install scripts: kms-audit has none, and a consumer need not trust any.
npm install --no-audit --no-fund --ignore-scripts "$tarball" >/dev/null
expected=$(node -p 'require("./node_modules/kms-audit/package.json").version')
version=$(./node_modules/.bin/kms-audit --version)
[[ $version == "$expected" ]] || { echo "check-pack: kms-audit --version printed '$version', expected '$expected'" >&2; exit 1; }
set +e
./node_modules/.bin/kms-audit scan --snapshot node_modules/kms-audit/fixtures/two-subnets-one-without-path.snapshot.json >/dev/null
code=$?
set -e
[[ $code -eq 1 ]] || { echo "check-pack: scanning the bundled example exited $code, expected 1 (an error finding)" >&2; exit 1; }
echo "check-pack: $(basename "$tarball") installs; kms-audit $version runs"
