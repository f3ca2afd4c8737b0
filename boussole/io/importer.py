"""Import structures and services: every row checked first, then all written in one transaction, or nothing.

Rows are matched on ``source`` + ``id`` (upsert). A dry run says what would be created, updated or rejected
and writes nothing. If any row is rejected, the real run writes nothing either and reports every rejected row.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from boussole.io.datainclusion import record_to_attributes
from boussole.models import Service, Structure
from boussole.validation import validate_record

KIND_LABEL = {"structure": "structure", "service": "service"}


@dataclass
class RejectedRow:
    kind: str
    line: int
    identifier: str
    reasons: list

    def __str__(self):
        return _("%(kind)s ligne %(line)s (%(identifier)s) : %(reasons)s") % {
            "kind": self.kind,
            "line": self.line,
            "identifier": self.identifier or _("sans identifiant"),
            "reasons": " ; ".join(self.reasons),
        }


@dataclass
class ImportReport:
    dry_run: bool
    created: dict = field(default_factory=lambda: {"structure": 0, "service": 0})
    updated: dict = field(default_factory=lambda: {"structure": 0, "service": 0})
    unchanged: dict = field(default_factory=lambda: {"structure": 0, "service": 0})
    rejected: list = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.rejected

    def summary(self):
        parts = []
        for kind in ("structure", "service"):
            parts.append(
                _("%(kind)ss : %(created)s nouveaux, %(updated)s modifiés, %(unchanged)s inchangés")
                % {
                    "kind": kind,
                    "created": self.created[kind],
                    "updated": self.updated[kind],
                    "unchanged": self.unchanged[kind],
                }
            )
        parts.append(_("%(count)s ligne(s) refusée(s)") % {"count": len(self.rejected)})
        return " ; ".join(parts)


def _identifier(record):
    if not isinstance(record, dict):
        return ""
    return f"{record.get('source') or '?'}/{record.get('id') or '?'}"


def _check_rows(kind, rows, today, report, seen):
    valid = []
    for line, record in rows:
        if not isinstance(record, dict):
            report.rejected.append(RejectedRow(kind, line, "", [_("cet enregistrement n'est pas un objet JSON")]))
            continue
        reasons = validate_record(kind, record, today=today)
        key = (record.get("source"), record.get("id"))
        if key in seen[kind]:
            reasons.append(_("identifiant en double dans le fichier (déjà ligne %(line)s)") % {"line": seen[kind][key]})
        else:
            seen[kind][key] = line
        if reasons:
            report.rejected.append(RejectedRow(kind, line, _identifier(record), reasons))
        else:
            valid.append((line, record))
    return valid


def import_records(structure_rows, service_rows, dry_run=False, progress=None, today=None):
    """Check then (unless ``dry_run`` or a row is rejected) write the rows. Returns an :class:`ImportReport`.

    ``structure_rows`` and ``service_rows`` are lists of ``(line, record)``; ``progress(done, total)`` is called
    as rows are written.
    """
    today = today or date.today()
    report = ImportReport(dry_run=dry_run)
    seen = {"structure": {}, "service": {}}
    structures = _check_rows("structure", structure_rows, today, report, seen)
    services = _check_rows("service", service_rows, today, report, seen)

    existing_structures = {
        (s.source, s.source_id): s
        for s in Structure.objects.filter(source__in={r["source"] for _, r in structures + services})
    }
    known_structures = set(existing_structures) | {(r["source"], r["id"]) for _, r in structures}
    for line, record in services:
        if (record["source"], record["structure_id"]) not in known_structures:
            report.rejected.append(
                RejectedRow(
                    "service",
                    line,
                    _identifier(record),
                    [
                        _("structure « %(id)s » inconnue (ni dans le fichier ni dans la base)")
                        % {"id": record["structure_id"]}
                    ],
                )
            )
    rejected_services = {(r.line) for r in report.rejected if r.kind == "service"}
    services = [(line, record) for line, record in services if line not in rejected_services]

    existing_services = {
        (s.source, s.source_id): s
        for s in Service.objects.select_related("structure").filter(source__in={r["source"] for _, r in services})
    }
    for kind, rows, existing in (
        ("structure", structures, existing_structures),
        ("service", services, existing_services),
    ):
        for _line, record in rows:
            current = existing.get((record["source"], record["id"]))
            if current is None:
                report.created[kind] += 1
            elif current.to_data_inclusion() == record:
                report.unchanged[kind] += 1
            else:
                report.updated[kind] += 1

    if dry_run or report.rejected:
        return report

    total, done = len(structures) + len(services), 0
    with transaction.atomic():
        for _line, record in structures:
            key = (record["source"], record["id"])
            structure = existing_structures.get(key)
            if structure is not None and structure.to_data_inclusion() == record:
                done += 1
                continue
            structure = _write(Structure, structure, record_to_attributes("structure", record))
            existing_structures[key] = structure
            done += 1
            if progress:
                progress(done, total)
        for _line, record in services:
            current = existing_services.get((record["source"], record["id"]))
            if current is not None and current.to_data_inclusion() == record:
                done += 1
                continue
            attributes = record_to_attributes("service", record)
            attributes["structure"] = existing_structures[(record["source"], record["structure_id"])]
            _write(Service, current, attributes)
            done += 1
            if progress:
                progress(done, total)
    report.applied = True
    return report


def _write(model, instance, attributes):
    """Create or update one object; imported data is published, and its source's date counts as verified."""
    if instance is None:
        instance = model(live=True, **attributes)
    else:
        for name, value in attributes.items():
            setattr(instance, name, value)
    if model is Structure:
        date_maj = attributes["date_maj"]
        if instance.pk is None or instance.verified_at is None or instance.verified_at < date_maj:
            instance.verified_at = date_maj
    instance.save()
    return instance


def import_file(name, content, dry_run=False, progress=None):
    """Read then import a file (JSON or CSV). Raises ``FileFormatError`` if the file cannot be read at all."""
    from boussole.io.formats import read_file

    structures, services = read_file(name, content)
    return import_records(structures, services, dry_run=dry_run, progress=progress)
