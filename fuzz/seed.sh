#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the real spec and the docs' samples, so a
# run starts from inputs that load (spec targets) or decode (JSON targets).
# Usage, from the repository root or fuzz/: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")"
root=..
corpus=corpus

# spec_endpoint_file: the first byte picks which DOKU endpoint file the rest
# replaces (see the target), so each real file goes in behind its index, in
# the target's order.
mkdir -p "$corpus/spec_endpoint_file"
i=0
for f in doku/cards/capture.yaml doku/cards/delete_tokenization.yaml \
  doku/cards/payment_page.yaml doku/cards/refund.yaml \
  doku/checkout/cancel_order.yaml; do
  out="$corpus/spec_endpoint_file/seed-$i"
  printf "\\$(printf '%03o' "$i")" >"$out"
  cat "$root/spec/$f" >>"$out"
  i=$((i + 1))
done

# spec_provider_file: every provider.yaml (only DOKU's loads beside the
# target's DOKU endpoint file; the others are mutation material).
mkdir -p "$corpus/spec_provider_file"
for f in "$root"/spec/*/provider.yaml; do
  cp "$f" "$corpus/spec_provider_file/$(basename "$(dirname "$f")").yaml"
done

# The JSON targets: the docs' samples the bad-input corpus starts from.
for target in response_decoders notification_verifiers; do
  mkdir -p "$corpus/$target"
  cp "$root"/tests/bad_inputs/*.json "$corpus/$target/"
done
echo "seeded $(find "$corpus" -type f | wc -l) file(s) under fuzz/$corpus/"
