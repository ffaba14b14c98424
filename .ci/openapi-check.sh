#!/usr/bin/env bash
# Validate an OpenAPI document payspec exported, and every schema example in it.
#
#   .ci/openapi-check.sh generated/openapi.yaml
#
# Creates (once) a virtualenv at ${PAYSPEC_VENV:-target/ci-venv} with
# openapi-spec-validator and jsonschema, then:
#   1. validates the document against the OpenAPI 3.1 meta-schema;
#   2. validates each `examples` entry of each component schema against that
#      schema, resolving $refs against the document (check_openapi_examples.py).
set -euo pipefail

if [ "$#" -ne 1 ]; then
    echo "usage: $0 OPENAPI_FILE" >&2
    exit 2
fi
doc="$1"
if [ ! -f "$doc" ]; then
    echo "$0: no such file: $doc" >&2
    exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
venv="${PAYSPEC_VENV:-target/ci-venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
# Installed packages are reused; pip only downloads when something is missing.
if ! "$venv/bin/python" -c 'import openapi_spec_validator, jsonschema, yaml' 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        'openapi-spec-validator>=0.7,<0.8' 'jsonschema>=4.18' 'PyYAML>=6'
fi

"$venv/bin/python" -m openapi_spec_validator "$doc"
"$venv/bin/python" "$here/check_openapi_examples.py" "$doc"
