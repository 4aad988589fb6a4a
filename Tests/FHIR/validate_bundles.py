"""Parses FHIR bundles with the fhir.resources models, which reject wrong structure and types.

Usage: python3 Tests/FHIR/validate_bundles.py FILE...   (each file: one Bundle, or one Bundle per line)
Exit status 0 when every bundle is valid R5; otherwise each problem is printed and the status is 1.
"""
import json
import sys

from fhir.resources.bundle import Bundle


def bundles(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = [line for line in text.splitlines() if line.strip()]
    return [json.loads(line) for line in lines] if len(lines) > 1 else [json.loads(text)]


def main(paths):
    failed = False
    for path in paths:
        for index, document in enumerate(bundles(path)):
            try:
                bundle = Bundle.model_validate(document)
            except Exception as error:  # the models say exactly which field is wrong
                failed = True
                print(f"{path} bundle {index + 1}: {error}")
                continue
            kinds = sorted({entry.resource.get_resource_type() for entry in bundle.entry or []})
            print(f"{path} bundle {index + 1}: valid, {len(bundle.entry or [])} resources ({', '.join(kinds)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
