"""Backup and restore of the whole site: the database as Django fixtures (every app, natural foreign keys) and the
uploaded media files, in one ``.tar.gz`` with a manifest. Works the same on SQLite and PostgreSQL, and between them.

Content types and permissions are not saved: ``migrate`` creates them on the target, and the fixtures refer to
them by natural key. Sessions, login attempts and search indexes are not saved either; the indexes are rebuilt.
"""

import io
import json
import sqlite3
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.utils import load_backend
from django.utils import timezone

FORMAT = 1
#: Not saved: created by migrate, transient, security logs, or rebuilt after a restore.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "wagtailsearch",
    "wagtailadmin.editingsession",
]
#: Tables kept on restore: the target's own migrations made them, and the fixtures point to them by natural key.
KEPT_TABLES = {"django_content_type", "auth_permission", "django_migrations"}


class BackupError(Exception):
    """A backup that cannot be restored; the message is for the person running the command (French)."""


def model_counts(using=DEFAULT_DB_ALIAS):
    """Rows per model (``app_label.model``) for every saved model: the manifest's and the tests' yardstick."""
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or _excluded(label):
            continue
        counts[label] = model._base_manager.using(using).count()
    return counts


def _excluded(label):
    app_label = label.split(".")[0]
    return app_label in EXCLUDED or label in EXCLUDED


#: The history keeps entries about deleted pages, objects and users: dumped one by one (see ``_dump_history``).
HISTORY = ["wagtailcore.pagelogentry", "wagtailcore.modellogentry"]


def _dump_history(using=DEFAULT_DB_ALIAS):
    """Log entries with natural keys where their page and user still exist, raw ids where they were deleted
    (those foreign keys have no database constraint, so the ids load back as they were)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.exceptions import ObjectDoesNotExist

    records = []
    for label in HISTORY:
        model = apps.get_model(label)
        for entry in model._base_manager.using(using).order_by("pk").iterator():
            try:
                records += json.loads(serializers.serialize("json", [entry], use_natural_foreign_keys=True))
            except ObjectDoesNotExist:
                record = json.loads(serializers.serialize("json", [entry]))[0]
                for field in model._meta.concrete_fields:
                    value = record["fields"].get(field.name)
                    if field.is_relation and field.related_model is ContentType and value is not None:
                        record["fields"][field.name] = list(ContentType.objects.get_for_id(value).natural_key())
                records.append(record)
    return records


SNAPSHOT_ALIAS = "portail_backup_snapshot"


@contextmanager
def consistent_snapshot():
    """The alias of a database that does not move while the backup reads it, so the data, the history and the
    manifest's counts agree even while people write.

    PostgreSQL: one read-only transaction at the REPEATABLE READ level (one snapshot for every query). SQLite: the
    online backup API copies the database at one instant into a scratch file, which the backup then reads. Inside
    a transaction already (tests), that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield DEFAULT_DB_ALIAS
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield DEFAULT_DB_ALIAS
        return
    if connection.vendor != "sqlite":
        with transaction.atomic():
            yield DEFAULT_DB_ALIAS
        return
    with tempfile.TemporaryDirectory() as workdir:
        copy_path = Path(workdir) / "snapshot.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy_path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        # A connection of its own to the copy, made for this backup only (not a configured database).
        settings_dict = {**connections.databases[DEFAULT_DB_ALIAS], "NAME": str(copy_path)}
        snapshot = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=SNAPSHOT_ALIAS)
        connections[SNAPSHOT_ALIAS] = snapshot
        try:
            yield SNAPSHOT_ALIAS
        finally:
            snapshot.close()
            del connections[SNAPSHOT_ALIAS]


def create_backup(archive_path):
    """Write the archive from one consistent snapshot of the database; returns its manifest."""
    with consistent_snapshot() as using:
        dumped = io.StringIO()
        call_command(
            "dumpdata",
            *[arg for name in EXCLUDED + HISTORY for arg in ("--exclude", name)],
            natural_foreign=True,
            indent=None,
            database=using,
            stdout=dumped,
        )
        data = json.loads(dumped.getvalue()) + _dump_history(using)
        counts = model_counts(using)
    media_root = Path(settings.MEDIA_ROOT)
    media_files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": connection.vendor,
        "counts": counts,
        "media_files": [str(p.relative_to(media_root)) for p in media_files],
    }
    with tarfile.open(archive_path, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
        _add_bytes(archive, "data.json", json.dumps(data, ensure_ascii=False).encode())
        for path in media_files:
            archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
    return manifest


def _add_bytes(archive, name, payload):
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(payload))


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, AttributeError) as exc:
        raise BackupError(
            "Ce fichier n'est pas une sauvegarde du portail (manifest.json manquant ou illisible)."
        ) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Format de sauvegarde inconnu : {manifest.get('format')!r} (attendu : {FORMAT}).")
    return manifest


def check_archive(archive_path):
    """The archive's manifest, or BackupError if it is not a backup this version can restore."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            return read_manifest(archive)
    except tarfile.TarError as exc:
        raise BackupError("Ce fichier n'est pas une sauvegarde du portail (archive .tar.gz illisible).") from exc


def database_has_content():
    """Anything beyond what ``migrate`` creates: an account, a page of the site, an image, a document."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return (
        get_user_model().objects.exists()
        or Page.objects.exclude(content_type__app_label="wagtailcore").exists()
        or get_image_model().objects.exists()
        or get_document_model().objects.exists()
    )


def _empty_data_tables():
    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in KEPT_TABLES]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign-key checks still pending in this transaction: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # loaddata may refer to rows it loads later


def restore_backup(archive_path, stdout=None):
    """Replace the database's content and the media files by the archive's. All or nothing for the database."""
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = read_manifest(archive)
        with tempfile.TemporaryDirectory() as workdir:
            fixture = Path(workdir) / "data.json"
            fixture.write_bytes(archive.extractfile("data.json").read())
            with transaction.atomic():
                _empty_data_tables()
                call_command("loaddata", str(fixture), stdout=stdout or io.StringIO())
            media_root = Path(settings.MEDIA_ROOT)
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith("media/"):
                    target = (media_root / member.name[len("media/") :]).resolve()
                    if media_root.resolve() not in target.parents:
                        raise BackupError(f"Chemin refusé dans l'archive : {member.name}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.extractfile(member).read())
    return manifest
