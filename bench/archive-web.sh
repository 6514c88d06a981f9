#!/usr/bin/env bash
# The cost of the web editions: `build --all` of an archive of N generated
# issues (bench/make-archive.py) from scratch, PDFs alone against PDFs
# with --web (web editions and the archive index), alternating R times;
# prints each run and the median ratio. Usage: bench/archive-web.sh [N] [R]
# (default 300 issues, 3 rounds). KICWEEKLY_BIN=PATH measures that binary
# instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
rounds=${2:-3}
if [ -z "${KICWEEKLY_BIN:-}" ]; then
  cargo build --release --quiet
fi
bin=${KICWEEKLY_BIN:-$PWD/target/release/kicweekly}
dir=target/bench-archive-$n
python3 bench/make-archive.py "$dir" "$n"
run() { rm -rf "$dir/out"; python3 bench/measure.py "$bin" --root "$dir" build --all --out "$dir/out" --quiet "$@"; }
pdf=() web=()
for _ in $(seq "$rounds"); do
  read -r t rss < <(run)
  pdf+=("$t"); echo "pdf only   ${t} s  peak $((rss / 1024)) MiB"
  read -r t rss < <(run --web)
  web+=("$t"); echo "pdf + web  ${t} s  peak $((rss / 1024)) MiB"
done
[ -f "$dir/out/index.html" ] || { echo "no archive index written"; exit 1; }
count=$(ls -d "$dir"/out/*/ | wc -l)
[ "$count" -eq "$n" ] || { echo "expected $n web editions, found $count"; exit 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=$(median "${pdf[@]}") w=$(median "${web[@]}")
awk -v n="$n" -v p="$p" -v w="$w" -v j="$(nproc)" 'BEGIN {
  printf "archive of %d issues, %d cores, median of the runs above\n", n, j
  printf "  PDFs alone       %7.2f s  %6.1f issues/s\n", p, n / p
  printf "  PDFs + web       %7.2f s  %6.1f issues/s  (%.2f x)\n", w, n / w, w / p
}'
du -sh "$dir/out" "$dir/out/index.html" | sed 's/^/  size /'
