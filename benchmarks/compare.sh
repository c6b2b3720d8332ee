#!/usr/bin/env bash
# Compare argmap at an earlier commit with the working tree, taking turns command by command
# on the same generated debate, so a busy or uneven machine slows both alike:
#   benchmarks/compare.sh REV [N=10000] [ROUNDS=5]
# Prints one line per round and version: check and build seconds, build peak KB (cold parse
# cache each time). Needs the debate python benchmarks/run.py generated for N.
set -euo pipefail
rev=${1:?usage: benchmarks/compare.sh REV [N] [ROUNDS]}
n=${2:-10000}
rounds=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
debate="$here/benchmarks/work/n$n/argmap"
[ -d "$debate" ] || { echo "no $debate: run python benchmarks/run.py --sizes $n first" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$scratch/old" >/dev/null 2>&1; rm -rf "$scratch"' EXIT
git -C "$here" worktree add -q --detach "$scratch/old" "$rev"
for _ in $(seq "$rounds"); do
  for version in before now; do
    code=$([ "$version" = before ] && echo "$scratch/old" || echo "$here")
    rm -rf "$scratch/cache" "$scratch/out"
    /usr/bin/time -o "$scratch/t1" -f "%e" env PYTHONPATH="$code" \
      ARGMAP_CACHE_DIR="$scratch/cache" python -m argmap check "$debate" >/dev/null 2>&1 || true
    rm -rf "$scratch/cache"
    /usr/bin/time -o "$scratch/t2" -f "%e %M" env PYTHONPATH="$code" \
      ARGMAP_CACHE_DIR="$scratch/cache" python -m argmap build "$debate" -o "$scratch/out" \
      --no-graphviz >/dev/null 2>&1 || true
    echo "$n $version check $(cat "$scratch/t1") s, build $(cat "$scratch/t2" | awk '{print $1 " s, " $2 " KB"}')"
  done
done
