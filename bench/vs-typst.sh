#!/usr/bin/env bash
# kicweekly vs Typst on issue 312's content, same machine, same fonts:
# alternating runs after a warm-up; medians, ratio, peak memory, PDF size.
# Installs typst-cli with `cargo install --locked` into a cache folder the
# first time (a long build). Usage: bench/vs-typst.sh [RUNS] (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
peer=../shared/peers/312.typ
[ -f "$peer" ] || { echo "no $peer: the peers folder must be beside the repository"; exit 2; }
cache=${KICWEEKLY_TYPST_ROOT:-$HOME/.cache/kicweekly-typst}
typst=$(command -v typst || true)
if [ -z "$typst" ]; then
  typst=$cache/bin/typst
  [ -x "$typst" ] || cargo install typst-cli --locked --root "$cache"
fi
cargo build --release --quiet
bin=$PWD/target/release/kicweekly
out=target/bench-vs-typst
mkdir -p "$out"
k() { python3 bench/measure.py "$bin" build 312 --force --quiet --out "$out"; }
t() { python3 bench/measure.py "$typst" compile --root / --ignore-system-fonts --font-path fonts "$peer" "$out/312-typst.pdf"; }
k >/dev/null; t >/dev/null   # warm-up
: > "$out/k.txt"; : > "$out/t.txt"
for _ in $(seq "$runs"); do k >> "$out/k.txt"; t >> "$out/t.txt"; done
median() { sort -n -k"$2" "$1" | awk -v col="$2" '{a[NR]=$col} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
kw=$(median "$out/k.txt" 1); tw=$(median "$out/t.txt" 1)
km=$(median "$out/k.txt" 2); tm=$(median "$out/t.txt" 2)
ks=$(stat -c %s "$out/312.pdf"); ts=$(stat -c %s "$out/312-typst.pdf")
echo "$("$typst" --version), $runs runs each after a warm-up, $(nproc) cores"
awk -v kw="$kw" -v tw="$tw" -v km="$km" -v tm="$tm" -v ks="$ks" -v ts="$ts" 'BEGIN {
  printf "               median wall   peak memory   PDF size\n"
  printf "  kicweekly    %8.3f s   %8.1f MiB   %7d KB\n", kw, km / 1024, ks / 1000
  printf "  typst        %8.3f s   %8.1f MiB   %7d KB\n", tw, tm / 1024, ts / 1000
  printf "  ratio        %8.2f x   %8.2f x     %7.2f x   (typst / kicweekly)\n", tw / kw, tm / km, ts / ks
}'
