"""A draft as the grandparents will read it once published: for its pupils while they write, and for their adult
before sending it to the moderators (read-only, with the moderators' comment if they sent it back)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from boussole.models import GlossaryEntry
from dictionnaire import privacy, readability, workshops
from dictionnaire.models import Term
from dictionnaire.views.drafting import _class_of_request, actor_for


def belongs_to(term, classroom):
    return term.classroom_id == classroom.pk or term.contributions.filter(classroom=classroom).exists()


def draft_preview(request, pk):
    classroom = _class_of_request(request)
    if classroom is None:
        raise PermissionDenied
    stored = get_object_or_404(Term.objects.select_related("classroom__structure"), pk=pk)
    if not belongs_to(stored, classroom):
        raise PermissionDenied
    actor = actor_for(request, classroom)
    term = stored.get_latest_revision_as_object()
    workshops.annotate_drafts([stored])
    context = {
        "term": term,
        "stored": stored,
        "is_preview": True,
        "classroom": classroom,
        "actor": actor,
        "review": stored.review,
        "in_moderation": stored.in_moderation,
        "glossary_entry": GlossaryEntry.same_word_as(term.word, term.slug),
        "hints": readability.hints(term, own_word=term.word) if actor[0] != "adult" else [],
        "privacy_findings": privacy.scan_term(term, privacy.class_nicknames(classroom)),
    }
    return TemplateResponse(request, "dictionnaire/draft_preview.html", context)
