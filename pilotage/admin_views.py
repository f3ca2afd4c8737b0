"""The admin's view of the periodic jobs: when each ran last, its outcome and its failures."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from pilotage.jobs import registered_jobs
from pilotage.models import JobRun


def may_see_jobs(user):
    return user.is_active and user.is_superuser


def jobs_view(request):
    if not may_see_jobs(request.user):
        raise PermissionDenied
    runs = {run.name: run for run in JobRun.objects.all()}
    rows = [
        {"name": name, "job": job, "schedule": job.describe_schedule(), "run": runs.get(name)}
        for name, job in registered_jobs().items()
    ]
    return TemplateResponse(request, "pilotage/jobs.html", {"rows": rows})
