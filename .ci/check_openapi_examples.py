"""Validate every `examples` entry of every component schema of an OpenAPI
3.1 document against its schema, with $refs resolved against the document.

Usage: check_openapi_examples.py OPENAPI_FILE
Exit status 1 and one line per failure (schema, example index, JSON path,
message) when any example does not validate.
"""

import sys

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOC_URI = "urn:payspec:openapi"


class JsonLikeLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 timestamps: the exporter writes YAML 1.2,
    where `2020-09-22T01:51:00Z` is a string, as it is in JSON."""


JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        doc = yaml.load(f, Loader=JsonLikeLoader)
    schemas = doc.get("components", {}).get("schemas", {})
    registry = Registry().with_resource(DOC_URI, Resource(contents=doc, specification=DRAFT202012))
    failures = 0
    checked = 0
    for name, schema in schemas.items():
        examples = schema.get("examples", []) if isinstance(schema, dict) else []
        if not examples:
            continue
        # Validate through a $ref so relative refs (#/components/...) resolve in the document.
        wrapper = {"$ref": f"{DOC_URI}#/components/schemas/{name}"}
        validator = Draft202012Validator(wrapper, registry=registry)
        for index, example in enumerate(examples):
            checked += 1
            for error in sorted(validator.iter_errors(example), key=lambda e: list(e.absolute_path)):
                failures += 1
                where = ".".join(str(p) for p in error.absolute_path) or "(root)"
                print(f"{path}: {name} example {index}: {where}: {error.message}")
    if failures:
        print(f"{failures} problem(s) in {checked} example(s)", file=sys.stderr)
        return 1
    print(f"{checked} example(s) of {len(schemas)} schema(s) validate")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
