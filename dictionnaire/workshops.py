"""The class's work as its adult and pupils see it: where each draft stands with the moderators (and their
comment when they sent it back), how many words the class holds, and the claims' limits."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from wagtail.models import WorkflowState

from dictionnaire.models import Term, WordRequest

#: How many claimed words without a draft yet a class may hold at once (setting ``DICTIONNAIRE_MAX_OPEN_CLAIMS``).
DEFAULT_MAX_OPEN_CLAIMS = 5


def max_open_claims():
    return getattr(settings, "DICTIONNAIRE_MAX_OPEN_CLAIMS", DEFAULT_MAX_OPEN_CLAIMS)


def moderation_states(terms):
    """Each term's current workflow state (in progress or sent back), in one query: ``{term pk: state}``."""
    if not terms:
        return {}
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Term),
            object_id__in=[str(term.pk) for term in terms],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
        .select_related("current_task_state")
        .only("object_id", "status", "current_task_state__comment", "current_task_state__finished_at")
    )
    return {int(state.object_id): state for state in states}


class Review:
    """The moderators' answer on a draft they sent back: their comment and its date."""

    def __init__(self, comment, date):
        self.comment = comment
        self.date = date


def annotate_drafts(terms):
    """Set ``in_moderation`` and ``review`` (a :class:`Review` when sent back) on each term."""
    states = moderation_states(terms)
    for term in terms:
        state = states.get(term.pk)
        term.in_moderation = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        term.review = None
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES and state.current_task_state:
            task_state = state.current_task_state
            term.review = Review(task_state.comment, task_state.finished_at)
    return terms


def review_of(term):
    """The moderators' answer on this term if they sent it back, else ``None``."""
    return annotate_drafts([term])[0].review


def open_claims(classroom):
    return WordRequest.objects.filter(claimed_by=classroom, term__isnull=True, status=WordRequest.Status.CLAIMED)


def may_claim(classroom):
    return open_claims(classroom).count() < max_open_claims()


def workload(classroom, drafts):
    """How many words the class holds: claimed (no draft yet), drafts, with the moderators, published."""
    published = (
        Term.objects.filter(live=True)
        .filter(Q(classroom=classroom) | Q(contributions__classroom=classroom))
        .aggregate(n=Count("pk", distinct=True))["n"]
    )
    return {
        "claimed": open_claims(classroom).count(),
        "drafts": sum(1 for term in drafts if not term.in_moderation),
        "in_moderation": sum(1 for term in drafts if term.in_moderation),
        "published": published,
        "max_claims": max_open_claims(),
    }


#: How often reading the wanted list also gives back the expired claims (seconds), until a scheduler does it.
EXPIRY_CHECK_INTERVAL = 600


def expire_due_claims():
    """Give back the claims that are past their expiry (as ``expire_claims`` does), at most every few minutes."""
    from django.core.cache import cache
    from django.utils import timezone

    if not cache.add("dictionnaire-claims-expiry-checked", True, timeout=EXPIRY_CHECK_INTERVAL):
        return 0
    cutoff = timezone.now() - WordRequest.CLAIM_DURATION
    return WordRequest.objects.filter(
        Q(last_draft_at__isnull=True) | Q(last_draft_at__lte=cutoff),
        status=WordRequest.Status.CLAIMED,
        term__isnull=True,
        claimed_at__lte=cutoff,
    ).update(status=WordRequest.Status.OPEN, claimed_by=None, claimed_at=None, last_draft_at=None)


# -- joining a workshop: wrong codes counted per address and per browser -----------------------------------------

#: How long the adult's « Débloquer l'atelier » lets the right code in from an address that typed too many wrong ones.
UNLOCK_DURATION = 3600


def browser_key(group, request):
    """The rate-limit key of one browser: its session (created for the count if needed)."""
    if not request.session.session_key:
        request.session.save()
        request.session.modified = True  # so that the browser gets its cookie and is counted next time too
    return f"browser:{request.session.session_key}"


def _unlock_key(workshop):
    return f"dictionnaire-workshop-unlocked:{workshop.pk}"


def unlock(workshop):
    """The adult lets their class in again, whatever wrong codes were typed from the school's address."""
    from django.core.cache import cache

    cache.set(_unlock_key(workshop), True, timeout=UNLOCK_DURATION)


def is_unlocked(workshop):
    from django.core.cache import cache

    return bool(cache.get(_unlock_key(workshop)))


def join_blocked(request, code):
    """Whether this join must wait: too many wrong codes from this browser, or from this address unless ``code`` is
    the right code of a workshop its adult unlocked."""
    from dictionnaire.models import Workshop
    from portail.abuse import is_limited

    if is_limited(request, "workshop-code-browser", increment=False, key=browser_key):
        return True
    if is_limited(request, "workshop-code", increment=False):
        found = Workshop.find_open(code)
        return found is None or not is_unlocked(found)
    return False


def count_wrong_code(request):
    from portail.abuse import is_limited

    is_limited(request, "workshop-code")
    is_limited(request, "workshop-code-browser", key=browser_key)


# -- who is in the open workshop, and what each pupil writes (nicknames only, gone with the workshop) -----------


def _writing_key(pupil_pk):
    return f"dictionnaire-pupil-writing:{pupil_pk}"


def note_writing(pupil, word):
    """Remember, until the workshop ends, which word this pupil is writing (kept in the cache, not the database)."""
    from django.core.cache import cache
    from django.utils import timezone

    remaining = int((pupil.workshop.expires_at - timezone.now()).total_seconds())
    if remaining > 0:
        cache.set(_writing_key(pupil.pk), str(word), timeout=remaining)


def pupils_at_work(workshop):
    """``[(nickname, word being written or "")]`` of the pupils in an open workshop, in the order they joined."""
    from django.core.cache import cache

    if workshop is None:
        return []
    pupils = list(workshop.pupils.order_by("joined_at", "pk").values_list("pk", "nickname"))
    writing = cache.get_many([_writing_key(pk) for pk, _nickname in pupils]) if pupils else {}
    return [(nickname, writing.get(_writing_key(pk), "")) for pk, nickname in pupils]
