"""data·inclusion records ↔ models. A record is a dict with exactly the schema's fields, in the schema's order."""

from datetime import date

from boussole.validation import field_names

#: Schema field → model attribute, where they differ.
ATTRIBUTE = {"id": "source_id"}


def _export_value(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def structure_to_record(structure):
    return {name: _export_value(getattr(structure, ATTRIBUTE.get(name, name))) for name in field_names("structure")}


def service_to_record(service):
    record = {}
    for name in field_names("service"):
        if name == "structure_id":
            record[name] = service.structure.source_id if service.structure_id else None
        else:
            record[name] = _export_value(getattr(service, ATTRIBUTE.get(name, name)))
    return record


def record_to_attributes(kind, record):
    """Model attributes from a valid record (``structure_id`` of a service is resolved by the importer)."""
    attributes = {}
    for name in field_names(kind):
        if name == "structure_id":
            continue
        value = record.get(name)
        if name == "date_maj" and value:
            value = date.fromisoformat(value)
        attributes[ATTRIBUTE.get(name, name)] = value
    return attributes
