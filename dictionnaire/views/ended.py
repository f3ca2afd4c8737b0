"""A workshop that ends while a pupil writes (the adult closes it, or its three hours run out): what the pupil
sent is kept as a draft of the class when it can be, otherwise shown back to copy; never a bare 403."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from dictionnaire.forms import DraftForm
from dictionnaire.models import Term, WordRequest, Workshop

#: How long after its end a workshop still keeps what its pupils send (and their session lives).
GRACE = timedelta(hours=1)
#: The session key that remembers the workshop this browser was in, once it has ended.
ENDED_KEY = "dictionnaire_atelier_fini"


def remember_ended(request, workshop_id):
    if workshop_id:
        request.session[ENDED_KEY] = workshop_id


def ended_workshop(request):
    """The workshop this browser was in, if it ended less than :data:`GRACE` ago."""
    workshop_id = request.session.get(ENDED_KEY)
    if not workshop_id:
        return None
    workshop = Workshop.objects.select_related("classroom").filter(pk=workshop_id).first()
    if workshop is None or workshop.is_open or workshop.expires_at + GRACE < timezone.now():
        return None
    return workshop


def ended_while_writing(request, new_request=None, term=None):
    """Answer a pupil whose workshop ended: keep their text if possible, and tell them in words."""
    from dictionnaire.views.drafting import refusal_for, save_edit, save_new_draft

    workshop = ended_workshop(request)
    if workshop is None:
        raise PermissionDenied
    classroom = workshop.classroom
    saved = False
    fields = []
    if request.method == "POST":
        actor = ("pupil", None)
        if new_request is not None:
            word_request = WordRequest.objects.filter(pk=new_request, claimed_by=classroom, term__isnull=True).first()
            form = DraftForm(request.POST, request.FILES, instance=Term(classroom=classroom), pupil=True)
            if word_request is not None and form.is_valid():
                save_new_draft(form, classroom, word_request, actor)
                saved = True
        else:
            stored = Term.objects.filter(pk=term).first()
            writable = stored is not None and (stored.live or stored.classroom_id == classroom.pk)
            form = DraftForm(
                request.POST,
                request.FILES,
                instance=stored.get_latest_revision_as_object() if writable else Term(),
                pupil=True,
            )
            if writable and refusal_for(stored, request) is None and form.is_valid():
                saved = save_edit(form, term, classroom, actor)[0] is not None
        if not saved:
            fields = [
                (form[name].label, request.POST.get(name, "").strip())
                for name in ["word", "short_definition", "full_text", "definition_synonyms", "usages", "danger", "cool"]
                if request.POST.get(name, "").strip()
            ]
    return TemplateResponse(
        request,
        "dictionnaire/workshop_ended.html",
        {"classroom": classroom, "saved": saved, "fields": fields, "posted": request.method == "POST"},
        status=200 if saved or request.method != "POST" else 409,
    )
