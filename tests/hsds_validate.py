#!/usr/bin/env python3
"""Validates the app's HSDS exports against the HSDS 3.0 JSON schemas (tests/fixtures/hsds-3.0/schema).

    hsds_validate.py json <schema dir> <file.json>
        every organization in the JSON list against organization.json, and everything
        nested in it (services, locations, phones...) against its own table's schema, with
        no field the schema does not have
    hsds_validate.py tabular <schema dir> <spec datapackage.json> <unzipped folder>
        datapackage.json lists every CSV; each CSV's resource, headers and rows against the
        specification's datapackage.json and schema/<resource>.json; ids unique; every
        foreign key present points to a row of the table it names.

Prints each failure on a line of its own and exits 1 on any. Works with jsonschema 4.10
(Debian 12) and later.
"""

import csv
import json
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import jsonschema  # noqa: E402

failures = []


def fail(message):
    failures.append(message)


def validator(schema_dir, name):
    with open(os.path.join(schema_dir, name + ".json"), encoding="utf-8") as f:
        schema = json.load(f)
    resolver = jsonschema.RefResolver(
        base_uri="file://" + os.path.abspath(schema_dir) + "/", referrer=schema
    )
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())


def check(v, instance, where):
    for e in v.iter_errors(instance):
        path = "/".join(str(p) for p in e.absolute_path)
        fail(f"{where}{'/' + path if path else ''}: {e.message}")


# What each nested list holds, as schema/compiled/organization.json nests it.
NESTED = {
    "services": "service",
    "locations": "location",
    "addresses": "address",
    "phones": "phone",
    "contacts": "contact",
    "schedules": "schedule",
    "languages": "language",
    "service_at_locations": "service_at_location",
    "attributes": "attribute",
}
SINGLE = {"taxonomy_term": "taxonomy_term", "location": "location", "organization": "organization"}


def validate_node(schema_dir, validators, name, obj, where):
    if name not in validators:
        validators[name] = validator(schema_dir, name)
    v = validators[name]
    flat = {k: val for k, val in obj.items() if k not in NESTED and k not in SINGLE}
    check(v, flat, where)
    known = set(v.schema.get("properties", {}))
    for k, val in obj.items():
        if k in NESTED and isinstance(val, list):
            for i, item in enumerate(val):
                validate_node(schema_dir, validators, NESTED[k], item, f"{where}.{k}[{i}]")
        elif k in SINGLE and isinstance(val, dict):
            validate_node(schema_dir, validators, SINGLE[k], val, f"{where}.{k}")
        elif k not in known:
            fail(f"{where}: {k} is not a field of {name}")


def validate_json(schema_dir, path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, list):
        fail(f"{path}: not a list of organizations")
        return
    validators = {}
    for i, org in enumerate(data):
        validate_node(schema_dir, validators, "organization", org, f"organizations[{i}]")


def typed(value, ty):
    if ty in ("number", "integer"):
        try:
            n = float(value)
        except ValueError:
            fail(f"{value!r} is not a number")
            return value
        return int(n) if ty == "integer" or n.is_integer() else n
    return value


def validate_tabular(schema_dir, spec_path, folder):
    with open(spec_path, encoding="utf-8") as f:
        spec = {r["name"]: r for r in json.load(f)["resources"]}
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        ours = json.load(f)
    if ours.get("profile") != "tabular-data-package":
        fail("datapackage.json: profile is not tabular-data-package")
    listed = {r["path"]: r["name"] for r in ours.get("resources", [])}
    csvs = sorted(f for f in os.listdir(folder) if f.endswith(".csv"))
    for f in csvs:
        if f not in listed:
            fail(f"datapackage.json does not list {f}")
    tables = {}
    for path, name in listed.items():
        if name not in spec:
            fail(f"{path}: {name} is not an HSDS 3.0 table")
            continue
        if spec[name]["path"] != path:
            fail(f"{path}: HSDS 3.0 names the {name} table {spec[name]['path']}")
        fields = {fl["name"]: fl["type"] for fl in spec[name]["schema"]["fields"]}
        with open(os.path.join(folder, path), encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for h in reader.fieldnames or []:
                if h not in fields:
                    fail(f"{path}: {h} is not a field of {name}")
            rows = list(reader)
        tables[name] = (path, rows)
        v = validator(schema_dir, name)
        seen = set()
        for line, row in enumerate(rows, start=2):
            obj = {k: typed(val, fields.get(k, "string")) for k, val in row.items() if val != ""}
            check(v, obj, f"{path} row {line}")
            if row.get("id") in seen:
                fail(f"{path} row {line}: id {row.get('id')} is used twice")
            seen.add(row.get("id"))
    for name, (path, rows) in tables.items():
        for fk in spec[name]["schema"].get("foreignKeys", []):
            field, target = fk["fields"], fk["reference"]["resource"]
            ids = {r["id"] for r in tables.get(target, (None, []))[1]}
            for line, row in enumerate(rows, start=2):
                value = row.get(field, "")
                if value and value not in ids:
                    fail(f"{path} row {line}: {field} {value} is not in the {target} table")


def main():
    kind = sys.argv[1]
    if kind == "json":
        validate_json(sys.argv[2], sys.argv[3])
    elif kind == "tabular":
        validate_tabular(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(f"unknown kind {kind}")
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
