"""Two editors of the same page or snippet never lose work: the later save is refused, both texts are shown.

Wagtail's editor warns about a concurrent edit with JavaScript and refuses outdated autosaves; a plain form
submission was still accepted and silently replaced the other version. The base revision is checked whoever
saved it: the same person with the object open in two tabs is refused like two different people are. The
``before_edit_page`` and ``before_edit_snippet`` hooks (see ``portail/wagtail_hooks.py``) call
:func:`conflict_response` on every save.
"""

import re
from html import unescape

from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.fields import RichTextField


def newer_revision(request, obj):
    """The revision saved (by anyone, in another tab too) since ``request``'s editor loaded ``obj``, or None."""
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return None  # autosave requests: Wagtail itself refuses outdated ones
    latest = getattr(obj, "latest_revision", None)
    if latest is None:
        return None
    loaded_id = request.POST.get("loaded_revision_id", "")
    if not loaded_id:
        # Wagtail's form carries the loaded revision whenever there is one: without it, the object had no revision
        # when this editor opened it, and one has been saved since.
        return latest
    overwrite_id = request.POST.get("overwrite_revision_id", "")
    if overwrite_id and overwrite_id == str(latest.pk):
        return None  # this editor's own autosaved revision is the latest one
    loaded_at = request.POST.get("loaded_revision_created_at", "")
    if loaded_id == str(latest.pk) and loaded_at in ("", latest.created_at.isoformat()):
        return None
    return latest


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _html_text(value):
    """Stored rich text (HTML) as the plain text a reader sees, one paragraph or list item a line."""
    lines = strip_tags(_BLOCK_END.sub("\n", value)).splitlines()
    return "\n".join(unescape(line).strip() for line in lines if line.strip())


def _posted_text(request, field):
    """A rich text field arrives as the editor's JSON: read by its own widget, as Wagtail stores it, then as text."""
    value = request.POST.get(field.name, "")
    if not isinstance(field, RichTextField):
        return value
    try:
        widget = get_rich_text_editor_widget(field.editor, features=field.features)
        value = widget.value_from_datadict(request.POST, {}, field.name) or ""
    except (ValueError, TypeError, AttributeError, KeyError):
        pass  # not the editor's JSON: shown as it was typed
    return _html_text(value)


def compared_fields(request, current):
    """(label, your text, saved text) for the text fields of the submitted form that differ, both as text."""
    rows = []
    for field in current._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.name not in request.POST:
            continue
        mine = _posted_text(request, field).strip()
        theirs = str(getattr(current, field.name, "") or "")
        theirs = _html_text(theirs) if isinstance(field, RichTextField) else theirs.strip()
        if mine != theirs:
            rows.append((field.verbose_name, mine, theirs))
    return rows


def conflict_response(request, obj, edit_url):
    latest = newer_revision(request, obj)
    if latest is None:
        return None
    current = latest.as_object()
    author = latest.user.get_full_name() or latest.user.get_username() if latest.user else _("quelqu'un")
    context = {
        "object": current,
        "revision": latest,
        "same_person": latest.user_id is not None and latest.user_id == request.user.pk,
        "author": author,
        "rows": compared_fields(request, current),
        "edit_url": edit_url,
        "title": _("Enregistrement refusé : une autre version a été enregistrée entre-temps"),
    }
    return TemplateResponse(request, "portail/edit_conflict.html", context, status=409)
