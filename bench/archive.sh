#!/usr/bin/env bash
# Times `kicweekly build --all` over an archive of N generated issues:
# cold, then no-op (all cached), then after touching one issue; prints
# issues/s and peak RSS. Usage: bench/archive.sh [N] (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
cargo build --release --quiet
bin=$PWD/target/release/kicweekly
dir=target/bench-archive-$n
python3 bench/make-archive.py "$dir" "$n"
rm -rf "$dir/out"
run() { python3 bench/measure.py "$bin" --root "$dir" build --all --out "$dir/out" --quiet; }
read -r cold cold_rss < <(run)
read -r noop noop_rss < <(run)
touch_issue=$(ls "$dir/issues" | sort -n | sed -n 2p)
printf '\n' >> "$dir/issues/$touch_issue/issue.md"
read -r one one_rss < <(run)
count=$(ls "$dir/out"/*.pdf | wc -l)
[ "$count" -eq "$n" ] || { echo "expected $n PDFs, found $count"; exit 1; }
awk -v n="$n" -v c="$cold" -v cr="$cold_rss" -v o="$noop" -v orss="$noop_rss" -v t="$one" -v tr="$one_rss" -v j="$(nproc)" 'BEGIN {
  printf "archive of %d issues, %d cores\n", n, j
  printf "  cold build      %7.2f s  %6.1f issues/s  peak %6.1f MiB\n", c, n / c, cr / 1024
  printf "  no-op rebuild   %7.2f s                    peak %6.1f MiB\n", o, orss / 1024
  printf "  one touched     %7.2f s                    peak %6.1f MiB\n", t, tr / 1024
}'
