"""Periodic jobs in one place: each app registers its jobs here, ``run_periodic_jobs`` runs those that are due.

    from pilotage.jobs import register_job

    @register_job("boussole_purge", every=timedelta(days=1), label="Purge des comptes inactifs")
    def purge(now):
        ...
        return "3 comptes purgés"    # shown in the admin

A job is due when it has never run, or ``every`` has passed since its last start; with ``at`` (a local time of
day) a daily job is due once per day from that time on. A job is claimed in the database before it runs, so two
``run_periodic_jobs`` started together (cron every minute, a worker) never run it twice. A failing job is recorded
(outcome, error) and does not stop the others; it is tried again at its next due time, not at once.
"""

import logging
import traceback
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone

from pilotage.models import JobRun

logger = logging.getLogger(__name__)

#: A run older than this is considered dead (its process was killed): the job may be claimed again.
STALE_AFTER = timedelta(hours=6)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: object
    every: timedelta = timedelta(days=1)
    at: time | None = None
    label: str = ""

    def is_due(self, run, now):
        started = run.started_at if run else None
        if self.at is not None:
            local = timezone.localtime(now)
            today_at = timezone.make_aware(datetime.combine(local.date(), self.at), local.tzinfo)
            if local < today_at:
                return False
            return started is None or started < today_at
        return started is None or now - started >= self.every

    def describe_schedule(self):
        if self.at is not None:
            return f"chaque jour à {self.at:%H:%M}"
        minutes = int(self.every.total_seconds() // 60)
        if minutes % (24 * 60) == 0:
            return f"tous les {minutes // (24 * 60)} jour(s)"
        if minutes % 60 == 0:
            return f"toutes les {minutes // 60} heure(s)"
        return f"toutes les {minutes} minute(s)"


_registry: dict[str, PeriodicJob] = {}


def register_job(name, *, every=timedelta(days=1), at=None, label=""):
    """Decorator: ``func(now)`` becomes the periodic job ``name``; it returns a short report (or None)."""

    def decorator(func):
        _registry[name] = PeriodicJob(name=name, func=func, every=every, at=at, label=label or name)
        return func

    return decorator


def unregister_job(name):
    _registry.pop(name, None)


def registered_jobs():
    return dict(sorted(_registry.items()))


def _claim(job, now, force):
    """Mark the job as started if it is due (and not running elsewhere); returns whether this process runs it."""
    run, _created = JobRun.objects.get_or_create(name=job.name)
    if not force and not job.is_due(run, now):
        return False
    if run.outcome == JobRun.Outcome.RUNNING and run.started_at and now - run.started_at < STALE_AFTER:
        return False
    # Compare-and-set on the start time: of two processes that read the same row, only one updates it.
    claimed = JobRun.objects.filter(pk=run.pk, started_at=run.started_at).update(
        started_at=now, finished_at=None, outcome=JobRun.Outcome.RUNNING, runs=models.F("runs") + 1
    )
    return bool(claimed)


def run_job(job, now):
    """Run one claimed job and record its outcome. Never raises."""
    try:
        message = job.func(now)
    except Exception as exc:  # noqa: BLE001 - a failing job is recorded and the others still run
        logger.exception("Periodic job %s failed", job.name)
        finished = timezone.now()
        JobRun.objects.filter(name=job.name).update(
            finished_at=finished,
            outcome=JobRun.Outcome.FAILURE,
            message=str(exc)[:1000],
            last_failure_at=finished,
            last_error="".join(traceback.format_exception(exc))[-5000:],
            failures=models.F("failures") + 1,
        )
        return JobRun.Outcome.FAILURE, str(exc)
    finished = timezone.now()
    JobRun.objects.filter(name=job.name).update(
        finished_at=finished,
        outcome=JobRun.Outcome.SUCCESS,
        message=str(message or "")[:1000],
        last_success_at=finished,
    )
    return JobRun.Outcome.SUCCESS, str(message or "")


def run_due_jobs(now=None, only=None, force=False):
    """Run every due job once (or those named in ``only``); returns ``[(name, outcome, message)]`` of those run."""
    now = now or timezone.now()
    results = []
    for name, job in registered_jobs().items():
        if only and name not in only:
            continue
        if not _claim(job, now, force):
            continue
        outcome, message = run_job(job, now)
        results.append((name, outcome, message))
    return results
