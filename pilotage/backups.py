"""The daily backup job: one consistent archive a day (``portail.backup``), checked against its own manifest, and
a retention of 7 daily and 4 weekly archives in ``PORTAIL_BACKUP_DIR``."""

import json
import tarfile
from collections import Counter
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from portail.backup import create_backup

KEEP_DAILY = 7
KEEP_WEEKLY = 4
PREFIX = "portail-"
SUFFIX = ".tar.gz"


def backup_dir():
    return Path(getattr(settings, "PORTAIL_BACKUP_DIR", settings.VAR_DIR / "backups"))


def archive_day(path):
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return date.fromisoformat(name[len(PREFIX) : -len(SUFFIX)])
    except ValueError:
        return None


def archive_rows(path):
    """Rows per model in the archive's data, and its manifest's counts (they must agree)."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        data = json.load(archive.extractfile("data.json"))
    stored = Counter(record["model"] for record in data)
    return {label: stored.get(label, 0) for label in manifest["counts"]}, manifest["counts"]


def to_keep(days):
    """The 7 latest days, and the latest day of each of the 4 latest ISO weeks."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:KEEP_DAILY])
    weeks = []
    for day in ordered:
        week = day.isocalendar()[:2]
        if week not in weeks:
            weeks.append(week)
            if len(weeks) <= KEEP_WEEKLY:
                keep.add(day)
    return keep


def prune(directory):
    archives = {day: path for path in directory.glob(f"{PREFIX}*{SUFFIX}") if (day := archive_day(path))}
    keep = to_keep(archives)
    removed = 0
    for day, path in archives.items():
        if day not in keep:
            path.unlink()
            removed += 1
    return removed


def daily_backup(now):
    directory = backup_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{PREFIX}{timezone.localtime(now).date().isoformat()}{SUFFIX}"
    partial = path.with_name(path.name + ".partiel")
    manifest = create_backup(partial)
    stored, announced = archive_rows(partial)
    if stored != announced:
        partial.unlink()
        differences = {k: (announced[k], stored[k]) for k in announced if stored[k] != announced[k]}
        raise RuntimeError(f"La sauvegarde ne correspond pas à son manifeste : {differences}")
    partial.replace(path)
    removed = prune(directory)
    rows = sum(manifest["counts"].values())
    return f"{path.name} : {rows} lignes, {len(manifest['media_files'])} fichiers ; {removed} ancienne(s) effacée(s)"
