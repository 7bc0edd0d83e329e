#!/usr/bin/env bash
# The CLI's output over every page of ../shared/corpus (fundus, trafilatura, sites, nonarticle),
# one JSON line a page, without the `ms` field (time is not output). Two runs of it before and
# after a change that should not change behaviour must be byte-identical:
#
#   bash scripts/corpus-output.sh > /tmp/before.jsonl   # on the old commit
#   bash scripts/corpus-output.sh > /tmp/after.jsonl    # on the new one
#   cmp /tmp/before.jsonl /tmp/after.jsonl
#
# Extra arguments go to the CLI before the files (e.g. --force).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus}
files=$( { find "$corpus/fundus/html" "$corpus/trafilatura/html" "$corpus/sites" "$corpus/nonarticle/html" -type f -name '*.html' 2>/dev/null || true; } | LC_ALL=C sort)
[ -n "$files" ] || { echo "no corpus pages under $corpus" >&2; exit 2; }
# shellcheck disable=SC2086
npx tsx scripts/strip.ts "$@" $files 2>/dev/null | sed -E 's/,"ms":[0-9.e+-]+\}$/}/' || true
