"""Backups taken while people write agree with their own manifest; the daily job keeps 7 daily and 4 weekly."""

from datetime import date, timedelta

import pytest
from django.db import connections

from dictionnaire.models import WordRequest
from pilotage.backups import archive_rows, daily_backup, prune, to_keep
from portail import backup


@pytest.fixture
def second_connection():
    """Another connection to the same database, as another request of the site would use."""
    from django.db.utils import load_backend

    settings_dict = dict(connections.databases["default"])
    connections["other_request"] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "other_request")
    yield "other_request"
    connections["other_request"].close()
    del connections["other_request"]


# Outside any test transaction, as in production: the snapshot is the real one (rows are then flushed and the
# migrations' content reloaded).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_taken_while_people_write_matches_its_manifest(tmp_path, monkeypatch, second_connection):
    WordRequest.objects.create(word="Clé USB")
    dump_history = backup._dump_history

    def while_people_write(*args, **kwargs):
        # Between the data and the manifest's counts, another request writes (and commits).
        WordRequest.objects.using(second_connection).create(word="Mode avion")
        WordRequest.objects.using(second_connection).create(word="Wi-Fi")
        return dump_history(*args, **kwargs)

    monkeypatch.setattr(backup, "_dump_history", while_people_write)
    archive = tmp_path / "pendant.tar.gz"
    manifest = backup.create_backup(archive)
    stored, announced = archive_rows(archive)
    assert stored == announced
    assert announced["dictionnaire.wordrequest"] == 1  # the snapshot is the moment the backup began
    assert WordRequest.objects.count() == 3
    assert manifest["counts"] == announced


def test_the_daily_job_writes_a_checked_archive(db, settings, tmp_path):
    WordRequest.objects.create(word="Clé USB")
    settings.PORTAIL_BACKUP_DIR = tmp_path
    from django.utils import timezone

    message = daily_backup(timezone.now())
    archives = list(tmp_path.glob("portail-*.tar.gz"))
    assert len(archives) == 1 and archives[0].name in message
    stored, announced = archive_rows(archives[0])
    assert stored == announced and announced["dictionnaire.wordrequest"] == 1


def test_retention_keeps_seven_days_and_four_weeks(tmp_path):
    days = [date(2026, 3, 31) - timedelta(days=n) for n in range(60)]
    for day in days:
        (tmp_path / f"portail-{day.isoformat()}.tar.gz").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("gardé")
    prune(tmp_path)
    kept = sorted(path.name for path in tmp_path.iterdir())
    # 25–31 March (7 days), and the last day of the 4 latest ISO weeks: 29 March (Sunday), 22, 15 March.
    assert kept == [
        "notes.txt",
        "portail-2026-03-15.tar.gz",
        "portail-2026-03-22.tar.gz",
        "portail-2026-03-25.tar.gz",
        "portail-2026-03-26.tar.gz",
        "portail-2026-03-27.tar.gz",
        "portail-2026-03-28.tar.gz",
        "portail-2026-03-29.tar.gz",
        "portail-2026-03-30.tar.gz",
        "portail-2026-03-31.tar.gz",
    ]
    assert to_keep(days) == to_keep(days[:40])  # pruning twice changes nothing
