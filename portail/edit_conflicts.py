"""Two people editing the same page or snippet never lose work: the later save is refused, both texts are shown.

Wagtail's editor warns about a concurrent edit with JavaScript and refuses outdated autosaves; a plain form
submission was still accepted and silently replaced the other person's version. The ``before_edit_page`` and
``before_edit_snippet`` hooks (see ``portail/wagtail_hooks.py``) call :func:`conflict_response` on every save.
"""

import json

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


def newer_revision_by_someone_else(request, obj):
    """The revision saved by another person since ``request``'s editor loaded ``obj``, or None."""
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return None  # autosave requests: Wagtail itself refuses outdated ones
    latest = getattr(obj, "latest_revision", None)
    if latest is None:
        return None
    if latest.user_id is not None and latest.user_id == request.user.pk:
        return None  # the same person in another tab: not a conflict between two people
    loaded_id = request.POST.get("loaded_revision_id", "")
    if not loaded_id:
        # Wagtail's form carries the loaded revision whenever there is one: without it, the object had no revision
        # when this editor opened it, and someone else has saved one since.
        return latest
    overwrite_id = request.POST.get("overwrite_revision_id", "")
    if overwrite_id and overwrite_id == str(latest.pk):
        return None  # this editor's own autosaved revision is the latest one
    loaded_at = request.POST.get("loaded_revision_created_at", "")
    if loaded_id == str(latest.pk) and loaded_at in ("", latest.created_at.isoformat()):
        return None
    return latest


def _readable(value):
    """Rich text arrives as the editor's JSON: keep its text only."""
    if isinstance(value, str) and value.startswith("{"):
        try:
            blocks = json.loads(value).get("blocks", [])
        except (ValueError, AttributeError):
            return value
        return "\n".join(block.get("text", "") for block in blocks if isinstance(block, dict))
    return value


def compared_fields(request, current):
    """(label, your text, saved text) for the text fields of the submitted form that differ."""
    rows = []
    for field in current._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.name not in request.POST:
            continue
        mine = _readable(request.POST.get(field.name, "")).strip()
        theirs = str(getattr(current, field.name, "") or "")
        theirs = _readable(theirs) if theirs.startswith("{") else theirs
        if mine != theirs.strip():
            rows.append((field.verbose_name, mine, theirs))
    return rows


def conflict_response(request, obj, edit_url):
    latest = newer_revision_by_someone_else(request, obj)
    if latest is None:
        return None
    current = latest.as_object()
    context = {
        "object": current,
        "revision": latest,
        "author": latest.user.get_full_name() or latest.user.get_username() if latest.user else _("quelqu'un"),
        "rows": compared_fields(request, current),
        "edit_url": edit_url,
        "title": _("Enregistrement refusé : une autre version a été enregistrée entre-temps"),
    }
    return TemplateResponse(request, "portail/edit_conflict.html", context, status=409)
