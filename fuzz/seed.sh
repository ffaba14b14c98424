#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the real spec and the docs' samples, so a
# run starts from inputs that load (spec targets) or decode (JSON targets).
# Usage, from the repository root or fuzz/: bash fuzz/seed.sh
# FUZZ_CORPUS=<dir> seeds another directory (tests/fuzz_seed.rs uses it).
set -euo pipefail
cd "$(dirname "$0")"
root=..
corpus=${FUZZ_CORPUS:-corpus}

# spec_endpoint_file: the first byte picks which DOKU endpoint file the rest
# replaces, so each real file goes in behind its index, in the order of the
# target's ENDPOINTS list (read from the target itself, not copied here).
mkdir -p "$corpus/spec_endpoint_file"
mapfile -t endpoints < <(sed -n 's/^ *"\(doku\/[^"]*\.yaml\)",$/\1/p' \
  fuzz_targets/spec_endpoint_file.rs)
if [ "${#endpoints[@]}" -eq 0 ]; then
  echo "seed.sh: no endpoint paths found in fuzz_targets/spec_endpoint_file.rs" >&2
  exit 1
fi
i=0
for f in "${endpoints[@]}"; do
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
# sandbox_requests: three leading bytes (path selector, flags, Request-Id
# number) and then the body. Flags 0x3d = POST, DOKU-signed, Midtrans Basic
# auth, biller token and the seeded resources (see the target), so a docs
# request body reaches validation and the lifecycle engine behind each of
# the first paths of the target's list.
mkdir -p "$corpus/sandbox_requests"
for selector in $(seq 0 15); do
  for body in "$root"/tests/bad_inputs/*request*.json; do
    out="$corpus/sandbox_requests/seed-$selector-$(basename "$body" .json)"
    printf "\\$(printf '%03o' "$selector")\\075\\001" >"$out"
    cat "$body" >>"$out"
  done
done

# Every target gets a corpus, or `cargo fuzz run <target> corpus/<target>`
# fails for want of the folder.
for target in fuzz_targets/*.rs; do
  name=$(basename "$target" .rs)
  if [ -z "$(ls -A "$corpus/$name" 2>/dev/null)" ]; then
    echo "seed.sh: no seeds for fuzz target $name" >&2
    exit 1
  fi
done
echo "seeded $(find "$corpus" -type f | wc -l) file(s) under $corpus/"
