"""Export structures and services as data·inclusion records (JSON or CSV), for admins or as open data."""

from boussole.io import formats
from boussole.models import Service, Structure


def export_records(public_only=False, source=None):
    """``(structures, services)``: lists of data·inclusion records, ordered by source and id."""
    structures = Structure.objects.public() if public_only else Structure.objects.all()
    services = Service.objects.public() if public_only else Service.objects.all()
    if source:
        structures, services = structures.filter(source=source), services.filter(source=source)
    structures = structures.order_by("source", "source_id")
    services = services.select_related("structure").order_by("source", "source_id")
    return [s.to_data_inclusion() for s in structures], [s.to_data_inclusion() for s in services]


def export_json(public_only=False, source=None):
    return formats.write_json(*export_records(public_only, source))


def export_csv(kind, public_only=False, source=None):
    structures, services = export_records(public_only, source)
    return formats.write_csv(kind, structures if kind == "structure" else services)
