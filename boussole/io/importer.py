"""Import structures and services: every row checked first, then all written in one transaction, or nothing.

Rows are matched on ``source`` + ``id`` (upsert). A dry run says what would be created, updated or rejected
and writes nothing. If any row is rejected, the real run writes nothing either and reports every rejected row.

Rows are written by batches (``bulk_create``/``bulk_update``), with what ``save()`` computes filled in memory
(département, commune, slug against one read of the existing slugs). What ``save()``'s signals would do for
each object is done once at the end: the boussole's cache moves on, the search and reference indexes are updated.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends_with_name

from boussole.fields import refresh_normalized
from boussole.io.datainclusion import record_to_attributes
from boussole.models import Service, Structure, free_slug
from boussole.validation import validate_record
from portail.cache import on_change as cache_on_change

logger = logging.getLogger(__name__)

#: Rows written per query (``bulk_create``/``bulk_update``); progress is reported after each batch.
BATCH_SIZE = 500
#: ``bulk_update`` builds one ``CASE WHEN`` per row and field, slow to compile in Django: it is used for rows
#: where at most this many fields changed (grouped by changed fields), the others get one ``UPDATE`` each.
BULK_UPDATE_MAX_FIELDS = 3
#: Fields ``save()`` computes (``fill_place``, the slug, the normalized search and sort columns), written with the
#: record's own on a bulk update.
COMPUTED_FIELDS = {
    "structure": ["departement", "commune", "verified_at", "slug", "search_text", "sort_name"],
    "service": ["departement", "commune", "search_text"],
}

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

    with transaction.atomic():
        written = _write_all(structures, services, existing_structures, existing_services, progress)
        _after_bulk_writes(written)
    report.applied = True
    return report


def _batches(rows, size):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _value(instance, name):
    return getattr(instance, instance._meta.get_field(name).attname)


def _fill(model, instance, attributes, fields):
    """``(object, changed fields)``: a new or updated object with what its ``save()`` would compute, and which of
    ``fields`` changed (for an update). Imported data is published, and its source's date counts as verified."""
    before = None
    if instance is None:
        instance = model(live=True, **attributes)
    else:
        before = {name: _value(instance, name) for name in fields}
        for name, value in attributes.items():
            setattr(instance, name, value)
    if model is Structure:
        date_maj = attributes["date_maj"]
        if instance.pk is None or instance.verified_at is None or instance.verified_at < date_maj:
            instance.verified_at = date_maj
    instance.fill_place()
    refresh_normalized([instance])
    changed = [name for name in fields if before is not None and _value(instance, name) != before[name]]
    return instance, changed


def _save_batch(model, new, changed):
    """``bulk_create`` the new objects (their primary keys are set) and update the changed ones, ``changed``
    being a list of ``(object, names of the changed fields)``."""
    if new:
        model.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if any(instance.pk is None for instance in new):  # a database that does not return the new keys
            keys = model.objects.filter(
                source__in={i.source for i in new}, source_id__in=[i.source_id for i in new]
            ).values_list("source", "source_id", "pk")
            pks = {(source, source_id): pk for source, source_id, pk in keys}
            for instance in new:
                instance.pk = pks[(instance.source, instance.source_id)]
    groups = defaultdict(list)
    for instance, fields in changed:
        if fields:
            groups[tuple(fields)].append(instance)
    for fields, instances in groups.items():
        if len(fields) <= BULK_UPDATE_MAX_FIELDS:
            model.objects.bulk_update(instances, fields, batch_size=BATCH_SIZE)
        else:
            for instance in instances:
                model.objects.filter(pk=instance.pk).update(**{name: getattr(instance, name) for name in fields})


def _write_all(structures, services, existing_structures, existing_services, progress):
    """Write the checked rows by batches; returns ``{model: (new objects, [(changed object, fields)])}``."""
    total, done = len(structures) + len(services), 0
    written = {Structure: ([], []), Service: ([], [])}
    structure_fields = [*record_to_attributes("structure", {}), *COMPUTED_FIELDS["structure"]]
    service_fields = [*record_to_attributes("service", {}), "structure", *COMPUTED_FIELDS["service"]]
    taken_slugs = None
    for batch in _batches(structures, BATCH_SIZE):
        new, changed = [], []
        for _line, record in batch:
            key = (record["source"], record["id"])
            current = existing_structures.get(key)
            if current is not None and current.to_data_inclusion() == record:
                continue
            structure, fields = _fill(Structure, current, record_to_attributes("structure", record), structure_fields)
            if not structure.slug:
                if taken_slugs is None:
                    taken_slugs = set(Structure.objects.values_list("slug", flat=True))
                structure.slug = free_slug(structure.slug_text(), taken_slugs)
                fields.append("slug")
            if structure.pk is None:
                new.append(structure)
            else:
                changed.append((structure, fields))
            existing_structures[key] = structure
        _save_batch(Structure, new, changed)
        written[Structure][0].extend(new)
        written[Structure][1].extend(changed)
        done += len(batch)
        _progress(progress, done, total)
    for batch in _batches(services, BATCH_SIZE):
        new, changed = [], []
        for _line, record in batch:
            current = existing_services.get((record["source"], record["id"]))
            if current is not None and current.to_data_inclusion() == record:
                continue
            attributes = record_to_attributes("service", record)
            attributes["structure"] = existing_structures[(record["source"], record["structure_id"])]
            service, fields = _fill(Service, current, attributes, service_fields)
            if service.pk is None:
                new.append(service)
            else:
                changed.append((service, fields))
        _save_batch(Service, new, changed)
        written[Service][0].extend(new)
        written[Service][1].extend(changed)
        done += len(batch)
        _progress(progress, done, total)
    return written


def _progress(progress, done, total):
    logger.info("boussole import: %s/%s rows written", done, total)
    if progress:
        progress(done, total)


def _after_bulk_writes(written):
    """What ``save()``'s signals would have done for each object, done once: the cache of the boussole moves on,
    the search index and (services) the reference index are updated."""
    for model, (new, changed) in written.items():
        objects = new + [instance for instance, _fields in changed]
        if not objects:
            continue
        _index_for_search(model, objects)
        if ReferenceIndex.is_indexed(model):
            # Structures and services refer to other objects by foreign keys only (no rich text, no StreamField).
            relations = {f.name for f in model._meta.concrete_fields if f.is_relation}
            _index_references(new, [instance for instance, fields in changed if relations.intersection(fields)])
        cache_on_change(sender=model)


def _index_references(new, changed):
    """Wagtail's reference index (« utilisé par ») for new and changed objects.

    ``ReferenceIndex.create_or_update_for_object`` costs about four queries per object: new objects, which have
    no reference recorded yet, get theirs in one ``bulk_create`` (with Wagtail's own extraction of references).
    """
    extract = getattr(ReferenceIndex, "_extract_references_from_object", None)
    if extract is None:  # pragma: no cover - another Wagtail: the slower public way
        new, changed = [], new + changed
    references = []
    for instance in new:
        content_types = [
            ContentType.objects.get_for_model(model_or_object, for_concrete_model=False)
            for model_or_object in [instance, *instance._meta.get_parent_list()]
        ]
        references += [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(extract(instance))
        ]
    ReferenceIndex.objects.bulk_create(
        references, batch_size=BATCH_SIZE, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    for instance in changed:
        ReferenceIndex.create_or_update_for_object(instance)


def _index_for_search(model, objects):
    if not getattr(model, "search_auto_update", True):
        return
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        for batch in _batches(objects, BATCH_SIZE):
            try:
                backend.add_bulk(model, batch)
            except Exception:
                logger.exception("could not index %s %s objects in the '%s' search backend", len(batch), model, name)
                if not backend.catch_indexing_errors:
                    raise


def import_file(name, content, dry_run=False, progress=None):
    """Read then import a file (JSON or CSV). Raises ``FileFormatError`` if the file cannot be read at all."""
    from boussole.io.formats import read_file

    structures, services = read_file(name, content)
    return import_records(structures, services, dry_run=dry_run, progress=progress)
