"""Reading and writing files of structures and services: data·inclusion JSON and CSV.

JSON is the lossless format: ``{"structures": [...], "services": [...]}`` (a bare list is accepted too: records
with a ``structure_id`` are services). CSV holds one kind per file; list values are joined with ``|`` and an
empty cell means "no value".
"""

import csv
import io
import json

from django.utils.translation import gettext as _

from boussole.referentials import LICENCE, SCHEMA_ATTRIBUTION, SCHEMA_VERSION
from boussole.validation import ARRAY_FIELDS, NUMBER_FIELDS, field_names
from portail.csvsafe import restore, safe_dict

LIST_SEPARATOR = "|"


class FileFormatError(ValueError):
    """The file cannot be read at all (not JSON, not CSV, wrong shape); the message is for the user."""


def read_json(text):
    """``(structures, services)``: two lists of ``(line, record)``; line is the record's position (1-based)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            _("Ce fichier n'est pas du JSON valide (ligne %(line)s, colonne %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    if isinstance(data, dict):
        structures, services = data.get("structures", []), data.get("services", [])
        if not isinstance(structures, list) or not isinstance(services, list):
            raise FileFormatError(_("« structures » et « services » doivent être des listes."))
        records = [("structure", record) for record in structures] + [("service", record) for record in services]
    elif isinstance(data, list):
        records = [("service" if isinstance(r, dict) and "structure_id" in r else "structure", r) for r in data]
    else:
        raise FileFormatError(
            _("Le fichier doit contenir une liste d'enregistrements ou un objet « structures »/« services ».")
        )
    result = {"structure": [], "service": []}
    for position, (kind, record) in enumerate(records, start=1):
        result[kind].append((position, record))
    return result["structure"], result["service"]


def _parse_cell(name, value):
    value = restore(value.strip())  # a cell the site wrote as text (see portail/csvsafe.py)
    if value == "":
        return None
    if name in ARRAY_FIELDS:
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    if name in NUMBER_FIELDS:
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return value  # reported by the validation as "doit être un nombre"
    if name == "nombre_semaines":
        try:
            return int(value)
        except ValueError:
            return value
    return value


def read_csv(text):
    """``(structures, services)`` from a CSV of one kind; the kind comes from the header (``structure_id``)."""
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise FileFormatError(
            _("La première ligne du CSV doit nommer les colonnes, dont « id », « source » et « nom ».")
        )
    kind = "service" if "structure_id" in reader.fieldnames else "structure"
    rows = []
    for row in reader:
        record = {name: _parse_cell(name, value or "") for name, value in row.items() if name is not None}
        rows.append((reader.line_num, record))
    return (rows, []) if kind == "structure" else ([], rows)


def read_file(name, content):
    """Decode an uploaded or local file and read it by its extension (``.json`` or ``.csv``)."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
    except UnicodeDecodeError as exc:
        raise FileFormatError(_("Le fichier doit être enregistré en UTF-8.")) from exc
    if name.lower().endswith(".csv"):
        return read_csv(text)
    if name.lower().endswith(".json"):
        return read_json(text)
    raise FileFormatError(_("Formats acceptés : .json (data·inclusion) ou .csv."))


def metadata():
    return {"schema": f"data·inclusion {SCHEMA_VERSION}", "attribution": SCHEMA_ATTRIBUTION, "licence": LICENCE}


def write_json(structures, services):
    data = {**metadata(), "structures": structures, "services": services}
    return json.dumps(data, ensure_ascii=False, indent=2)


def write_csv(kind, records):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=field_names(kind), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            safe_dict(
                {
                    name: LIST_SEPARATOR.join(value) if isinstance(value, list) else ("" if value is None else value)
                    for name, value in record.items()
                }
            )
        )
    return out.getvalue()
