"""Periodic jobs: due once, idempotent, failures recorded without stopping the others; e-mails leave the request."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import TaskState

from dictionnaire.models import WordRequest
from pilotage.jobs import register_job, registered_jobs, run_due_jobs, unregister_job
from pilotage.models import JobRun

from .conftest import make_term, submit_for_moderation

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_jobs(*names, force=False):
    out = StringIO()
    call_command("run_periodic_jobs", *names, *(["--force"] if force else []), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def claims(classroom):
    """One claim expiring in 3 days (its class must be warned) and one 31 days old (it must be given back)."""
    now = timezone.now()
    soon = WordRequest.ask("Mode avion").request
    soon.claim(classroom)
    WordRequest.objects.filter(pk=soon.pk).update(claimed_at=now - timedelta(days=27))
    old = WordRequest.ask("Clé USB").request
    old.claim(classroom)
    WordRequest.objects.filter(pk=old.pk).update(claimed_at=now - timedelta(days=31))
    return soon, old


def test_claim_expiry_runs_once_and_never_twice(claims):
    soon, old = claims
    mail.outbox.clear()
    first = run_jobs("expire_claims")
    assert "1 classe(s) prévenue(s), 1 mot(s) rendu(s)" in first
    old.refresh_from_db()
    assert old.status == WordRequest.Status.OPEN and old.claimed_by is None
    assert [m.to for m in mail.outbox] == [["maitresse@example.org"]]

    # Run again at once: not due; forced: the job itself finds nothing left to do.
    assert run_jobs("expire_claims") == ""
    assert "0 classe(s) prévenue(s), 0 mot(s) rendu(s)" in run_jobs("expire_claims", force=True)
    assert len(mail.outbox) == 1
    soon.refresh_from_db()
    assert soon.status == WordRequest.Status.CLAIMED
    assert JobRun.objects.get(name="expire_claims").runs == 2


def test_every_job_runs_twice_without_doing_anything_twice(claims, moderator):
    mail.outbox.clear()
    evening = timezone.localtime().replace(hour=23, minute=0)  # after every daily job's time
    first = run_due_jobs(now=evening)
    assert {name for name, outcome, _message in first} == set(registered_jobs())
    assert all(outcome == "success" for _name, outcome, _message in first), first
    sent = len(mail.outbox)
    assert sent >= 2  # the warning to the class and the moderators' digest
    assert run_due_jobs(now=evening + timedelta(minutes=1)) == []
    assert len(mail.outbox) == sent


def test_a_daily_job_is_due_once_a_day_from_its_time(db):
    job = registered_jobs()["moderation_digest"]  # every day at 08:00, local time
    morning = timezone.make_aware(timezone.datetime(2026, 3, 2, 7, 59))
    assert not job.is_due(None, morning)
    run = JobRun(name=job.name, started_at=morning + timedelta(minutes=1))
    assert job.is_due(None, morning + timedelta(minutes=1))
    assert not job.is_due(run, morning + timedelta(hours=10))
    assert job.is_due(run, morning + timedelta(days=1, minutes=1))


def test_a_failing_job_is_recorded_and_the_others_still_run(claims):
    @register_job("aaa_broken", label="Tâche cassée")
    def broken(now):
        raise RuntimeError("le serveur de fichiers ne répond pas")

    try:
        results = {name: outcome for name, outcome, _message in run_due_jobs()}
    finally:
        unregister_job("aaa_broken")
    assert results["aaa_broken"] == "failure"
    assert results["expire_claims"] == "success"
    broken_run = JobRun.objects.get(name="aaa_broken")
    assert broken_run.failures == 1 and broken_run.last_failure_at is not None
    assert "le serveur de fichiers ne répond pas" in broken_run.last_error
    assert WordRequest.objects.get(word="Clé USB").status == WordRequest.Status.OPEN


def test_a_job_running_elsewhere_is_not_started_again(db):
    JobRun.objects.create(name="expire_claims", started_at=timezone.now() - timedelta(hours=2), outcome="running")
    assert run_due_jobs(only={"expire_claims"}) == []
    JobRun.objects.filter(name="expire_claims").update(started_at=timezone.now() - timedelta(hours=7))
    assert [name for name, *_rest in run_due_jobs(only={"expire_claims"})] == ["expire_claims"]


def test_the_admin_lists_each_job_with_its_last_run_and_failure(client, django_user_model, claims):
    JobRun.objects.create(
        name="boussole_freshness_reminders", outcome="failure", last_failure_at=timezone.now(), last_error="Boum"
    )
    run_jobs("expire_claims")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "un-mot-de-passe-long")
    client.force_login(admin)
    page = client.get("/admin/pilotage/taches/").content.decode()
    assert "Mots pris : prévenir puis rendre après 30 jours" in page
    assert "1 classe(s) prévenue(s)" in page and "Boum" in page and "échec" in page


def test_only_administrators_see_the_jobs(client, moderator):
    client.force_login(moderator)
    assert client.get("/admin/pilotage/taches/").status_code in (302, 403)


def test_moderators_get_one_digest_and_one_reminder_per_late_item(classroom, moderator, teacher):
    term = make_term("Hameçonnage", classroom=classroom, publish=False)
    submit_for_moderation(term, teacher)
    TaskState.objects.update(started_at=timezone.now() - timedelta(days=4))
    mail.outbox.clear()
    run_jobs("moderation_digest", "moderation_reminders", force=True)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Dictionnaire : ce qui attend une relecture", "Relecture en attente depuis plus de 3 jours"]
    digest = next(m for m in mail.outbox if "ce qui attend" in m.subject)
    assert digest.to == ["moderateur@example.org"]
    assert "éléments à relire : 1" in digest.body and "depuis : 4 jours" in digest.body
    run_jobs("moderation_reminders", force=True)
    assert len(mail.outbox) == 2


def test_admin_dashboard_shows_moderation_health(client, classroom, moderator, teacher):
    submit_for_moderation(make_term("Cookie", classroom=classroom, publish=False), teacher)
    TaskState.objects.update(started_at=timezone.now() - timedelta(days=2))
    client.force_login(moderator)
    page = client.get("/admin/").content.decode()
    assert "Éléments en attente de relecture : 1" in page
    assert "Le plus ancien attend depuis : 2 jours" in page


@override_settings(EMAIL_BACKEND="portail.mail.QueuedEmailBackend", TASKS=DATABASE_TASKS)
def test_emails_wait_in_the_queue_until_the_worker_sends_them(db, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops its connections between tasks (its own process); here it shares the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    mail.send_mail("Sujet", "Corps du message", "site@example.org", ["personne@example.org"])
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("run_worker", "--once", stdout=StringIO())
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [("Sujet", "Corps du message", ["personne@example.org"])]


@override_settings(EMAIL_BACKEND="portail.mail.QueuedEmailBackend")
def test_with_the_immediate_backend_queued_emails_leave_at_once(db):
    message = mail.EmailMultiAlternatives("Sujet", "Texte", "site@example.org", ["a@example.org"])
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("liste.csv", "mot;nombre\n", "text/csv")
    message.send()
    sent = mail.outbox[0]
    assert sent.alternatives[0][0] == "<p>Texte</p>"
    assert sent.attachments[0][0] == "liste.csv"
