"""Public views of the dictionary: term pages, requests, workshops, classes, exports and the read API.

Every page works without JavaScript: GET forms to read, POST forms (with CSRF) to write.
"""

import csv
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Collate
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import WorkflowState

from boussole.models import GlossaryEntry
from dictionnaire import notifications
from dictionnaire.forms import ClassroomForm, DraftForm, JoinWorkshopForm, WordRequestForm
from dictionnaire.models import (
    Category,
    Classroom,
    Contribution,
    Pupil,
    RequestSubmission,
    Term,
    WordRequest,
    Workshop,
)
from dictionnaire.text import INDEX_LETTERS, index_letter
from portail.abuse import is_limited
from portail.cache import cached, public_response

SESSION_KEY = "dictionnaire_atelier"
ME_TOO_KEY = "dictionnaire_moi_aussi"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"

WAITING_STATUSES = [WordRequest.Status.OPEN, WordRequest.Status.CLAIMED, WordRequest.Status.IN_MODERATION]


# -- reading ---------------------------------------------------------------------------------------------------


#: Terms of one letter shown on one page of the A–Z index.
INDEX_TERMS_PER_PAGE = 100


def index_context(request):
    """The A–Z index: the letters bar and the terms of one letter (``?lettre=``, one page of them: ``?page=``),
    of one category (``?categorie=``) or all, with the waiting words and the latest published.

    Each part is one SQL query, cached until the dictionary changes: the page costs as much with 100,000 terms
    as with 10 (only the chosen letter's page of terms is read).
    """
    category = request.GET.get("categorie", "")
    if category not in Category.values:
        category = ""
    counts = cached("dictionnaire", "index-letters", lambda: letter_counts(category), category)
    letter = index_letter(request.GET.get("lettre"))
    if letter not in counts:
        # No letter asked, or one without terms (or not a letter at all): the first one that has terms.
        letter = next(iter(counts), None)
    paginator = Paginator(range(counts.get(letter, 0)), INDEX_TERMS_PER_PAGE)  # counted already: no query
    page = paginator.page(nearest_page(request.GET.get("page"), paginator.num_pages))
    terms = []
    if letter is not None:
        terms = cached(
            "dictionnaire",
            "index-terms",
            lambda: letter_terms(category, letter, page.start_index() - 1, page.end_index()),
            category,
            letter,
            page.number,
        )
    letters = [{"letter": value, "count": counts.get(value, 0), "current": value == letter} for value in INDEX_LETTERS]
    return {
        "letters": letters,
        "current_letter": letter,
        "terms": terms,
        "page_obj": page,
        "categories": Category.choices,
        "current_category": category,
        "waiting_requests": WordRequest.objects.filter(status__in=WAITING_STATUSES).order_by("-count", "created_at")[
            :8
        ],
        "recent_terms": cached("dictionnaire", "index-recent", recent_terms),
    }


def nearest_page(value, last):
    """The page number asked for, brought between 1 and ``last``; 1 when it is no number."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(last, 1))


def letter_counts(category):
    """How many published terms start with each letter (of a category, or all): one aggregate query.

    An ordered dict of the letters that have terms only, in the index's order.
    """
    terms = Term.objects.live()
    if category:
        terms = terms.filter(category=category)
    rows = terms.order_by().values_list("letter").annotate(count=Count("pk"))
    counts = dict(rows)
    return OrderedDict((letter, counts[letter]) for letter in INDEX_LETTERS if counts.get(letter))


def letter_terms(category, letter, start, stop):
    """The published terms of one letter (of a category, or all) from ``start`` to ``stop``, in index order."""
    terms = Term.objects.live().filter(letter=letter)
    if category:
        terms = terms.filter(category=category)
    # The index's order is Python's (code points, as ``sorted`` gives): PostgreSQL's locale would skip hyphens.
    key = Collate("sort_key", "C") if connection.vendor == "postgresql" else F("sort_key")
    terms = terms.only("word", "slug", "short_definition", "category").order_by(key, "word")
    return list(terms[start:stop])


def recent_terms():
    """The six latest published terms (whatever the category)."""
    return list(
        Term.objects.live()
        .filter(last_published_at__isnull=False)
        .only("word", "slug", "last_published_at")
        .order_by("-last_published_at", "word")[:6]
    )


def term_data(slug):
    """The published term with its related terms, and the boussole's glossary entry for the same word."""
    related = Prefetch("related_terms", queryset=Term.objects.live().only("word", "slug").order_by("word"))
    term = (
        Term.objects.live()
        .select_related("classroom__structure", "image")
        .prefetch_related(related)
        .filter(slug=slug)
        .first()
    )
    if term is None:
        return (None, None)
    return (term, GlossaryEntry.same_word_as(term.word, slug))


def term_page(request, slug):
    shown = {}

    def render():
        term, glossary_entry = cached(("dictionnaire", "boussole"), "term", lambda: term_data(slug), slug)
        if term is None:
            raise Http404(_("Ce mot n'est pas (encore) dans le dictionnaire."))
        shown["term"] = term.pk
        context = {"term": term, "licence_url": LICENCE_URL, "glossary_entry": glossary_entry}
        return TemplateResponse(request, "dictionnaire/term_page.html", context)

    # The same page for every anonymous reader: kept whole until the term, the glossary or a page changes; every
    # view is counted, kept copy or not.
    return public_response(
        request,
        ("dictionnaire", "boussole", "pages"),
        render,
        each_time=lambda: ("dictionnaire.models.count_term_view", (shown["term"],)),
    )


# -- requests --------------------------------------------------------------------------------------------------


def request_word(request):
    """« Demander un mot »: anyone, no account. ``?mot=`` prefills the form (from a search with no result)."""
    if request.method == "POST":
        form = WordRequestForm(request.POST)
        if is_limited(request, "word-request"):
            messages.error(request, _("Beaucoup de demandes sont arrivées d'ici. Réessayez dans une heure, merci."))
            return TemplateResponse(request, "dictionnaire/request_form.html", {"form": form}, status=429)
        if form.is_bot():
            # Say nothing to a robot, keep nothing.
            return redirect("dictionnaire:request")
        if form.is_valid():
            existing = Term.find_by_word(form.cleaned_data["word"], live_only=True)
            if existing is not None:
                return TemplateResponse(
                    request, "dictionnaire/request_form.html", {"form": form, "existing_term": existing}
                )
            submission = WordRequest.ask(
                form.cleaned_data["word"], context=form.cleaned_data["context"], email=form.cleaned_data["email"]
            )
            remember_me_too(request, submission.request_id)
            if submission.request.count == 1:
                notifications.tell_adults_new_request(submission.request, submission.context)
            messages.success(request, _("Merci ! Votre demande est bien arrivée."))
            return redirect("dictionnaire:status", code=submission.tracking_code)
    else:
        form = WordRequestForm(initial={"word": request.GET.get("mot", "")[:80]})
    return TemplateResponse(
        request,
        "dictionnaire/request_form.html",
        {
            "form": form,
            "waiting_requests": WordRequest.objects.filter(status__in=WAITING_STATUSES).order_by("-count")[:10],
            "already_counted": set(request.session.get(ME_TOO_KEY, [])),
        },
    )


def remember_me_too(request, request_id):
    counted = request.session.get(ME_TOO_KEY, [])
    if request_id not in counted:
        request.session[ME_TOO_KEY] = [*counted, request_id]


@require_POST
def me_too(request, pk):
    """« Moi aussi »: one more person waits for this word, once per browser session."""
    word_request = get_object_or_404(WordRequest, pk=pk)
    if is_limited(request, "me-too"):
        messages.error(request, _("Beaucoup de demandes sont arrivées d'ici. Réessayez dans une heure, merci."))
    elif pk in request.session.get(ME_TOO_KEY, []):
        messages.info(request, _("Vous attendez déjà ce mot : nous l'avons bien noté."))
    else:
        word_request.add_one()
        remember_me_too(request, pk)
        messages.success(request, _("C'est noté : vous attendez aussi « %(word)s ».") % {"word": word_request.word})
    return redirect(reverse("dictionnaire:request") + "#mots-attendus")


@require_GET
def request_status(request, code=None):
    code = (code or request.GET.get("code", "")).strip().upper()[:20]
    submission = None
    if code and code.isalnum() and code.isascii():
        submission = RequestSubmission.objects.select_related("request__term").filter(tracking_code=code).first()
    status = 404 if code and submission is None else 200
    return TemplateResponse(
        request, "dictionnaire/request_status.html", {"code": code, "submission": submission}, status=status
    )


# -- pupils in a workshop --------------------------------------------------------------------------------------


def current_pupil(request):
    """The pupil of this browser session, if the workshop is still open; otherwise forget it."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    pupil = (
        Pupil.objects.select_related("workshop__classroom__structure", "workshop__classroom__adult")
        .filter(pk=data.get("pupil"), workshop_id=data.get("workshop"))
        .first()
    )
    if pupil is None or not pupil.workshop.is_open:
        request.session.pop(SESSION_KEY, None)
        return None
    return pupil


def actor_for(request, classroom):
    """Who is writing for this class: ``("pupil", pupil)``, ``("adult", user)``, or ``None``."""
    pupil = current_pupil(request)
    if pupil is not None and pupil.workshop.classroom_id == classroom.pk:
        return ("pupil", pupil)
    user = request.user
    if user.is_authenticated and (classroom.adult_id == user.pk or user.is_superuser):
        return ("adult", user)
    return None


def workshop(request):
    """Join a workshop with its code, or, once in, the class's work: requests to take, drafts to write."""
    pupil = current_pupil(request)
    if pupil is None:
        form = JoinWorkshopForm(request.POST or None, initial={"code": request.GET.get("code", "")})
        if request.method == "POST":
            # Only wrong codes count towards the limit: a class behind one school address all joins at once.
            if is_limited(request, "workshop-code", increment=False):
                form.add_error(None, _("Trop d'essais. Attends un peu et redemande le code à ton enseignant."))
                return TemplateResponse(request, "dictionnaire/workshop_join.html", {"form": form}, status=429)
            if form.is_bot():
                return redirect("dictionnaire:workshop")
            if form.is_valid():
                found = Workshop.find_open(form.cleaned_data["code"])
                if found is None:
                    is_limited(request, "workshop-code")
                    form.add_error("code", _("Ce code ne marche pas : l'atelier est peut-être fini. Vérifie-le."))
                else:
                    pupil = Pupil.objects.create(workshop=found, nickname=form.cleaned_data["nickname"])
                    request.session.cycle_key()
                    request.session[SESSION_KEY] = {"pupil": pupil.pk, "workshop": found.pk}
                    request.session.set_expiry(found.expires_at)
                    messages.success(request, _("Bienvenue %(name)s !") % {"name": pupil.nickname})
                    return redirect("dictionnaire:workshop")
        return TemplateResponse(request, "dictionnaire/workshop_join.html", {"form": form})
    classroom = pupil.workshop.classroom
    return TemplateResponse(
        request,
        "dictionnaire/workshop.html",
        {"pupil": pupil, "classroom": classroom, **class_work(classroom)},
    )


def class_work(classroom):
    terms = list(
        Term.objects.filter(Q(classroom=classroom) | Q(contributions__classroom=classroom))
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .distinct()
        .select_related("latest_revision")
        .order_by("word")
    )
    in_moderation = {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Term),
            object_id__in=[str(term.pk) for term in terms],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    }
    for term in terms:
        term.in_moderation = term.pk in in_moderation
    return {
        "open_requests": WordRequest.objects.filter(status=WordRequest.Status.OPEN).order_by("-count", "created_at")[
            :20
        ],
        "claims": WordRequest.objects.filter(
            claimed_by=classroom, term__isnull=True, status=WordRequest.Status.CLAIMED
        ),
        "drafts": terms,
        "published": Term.objects.live().only("word", "slug", "pk").order_by("word"),
    }


def record_contribution(term, classroom, revision, actor):
    Contribution.objects.create(
        term=term, classroom=classroom, revision=revision, adult=actor[1] if actor[0] == "adult" else None
    )


@require_POST
def workshop_leave(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Tu as quitté l'atelier. À bientôt !"))
    return redirect("dictionnaire:workshop")


def _class_of_request(request):
    pupil = current_pupil(request)
    if pupil is not None:
        return pupil.workshop.classroom
    classroom_id = request.GET.get("classe") or request.POST.get("classe")
    if classroom_id and str(classroom_id).isdigit():
        classroom = Classroom.objects.filter(pk=classroom_id).first()
        if classroom is not None and actor_for(request, classroom):
            return classroom
    return None


def _back_to_work(request, classroom):
    if current_pupil(request) is not None:
        return redirect("dictionnaire:workshop")
    return redirect(classroom.get_absolute_url())


@require_POST
def claim(request, pk):
    classroom = _class_of_request(request)
    if classroom is None:
        raise PermissionDenied
    with transaction.atomic():
        word_request = get_object_or_404(WordRequest.objects.select_for_update(), pk=pk)
        if word_request.status != WordRequest.Status.OPEN:
            messages.error(request, _("Une autre classe a déjà pris ce mot. Choisissez-en un autre."))
        else:
            word_request.claim(classroom)
            messages.success(request, _("Votre classe a pris « %(word)s ». À vos crayons !") % {"word": word_request})
    return _back_to_work(request, classroom)


def draft_new(request, pk):
    """Write the first definition of a word the class has claimed."""
    classroom = _class_of_request(request)
    if classroom is None:
        raise PermissionDenied
    word_request = get_object_or_404(WordRequest, pk=pk, claimed_by=classroom, term__isnull=True)
    actor = actor_for(request, classroom)
    form = DraftForm(request.POST or None, instance=Term(classroom=classroom), initial={"word": word_request.word})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            term = form.save(commit=False)
            term.live = False
            term.classroom = classroom
            term.credit_year = timezone.now().year
            term.save()
            revision = term.save_revision(user=actor[1] if actor[0] == "adult" else None, log_action=True)
            record_contribution(term, classroom, revision, actor)
            word_request.term = term
            word_request.last_draft_at = timezone.now()
            word_request.save()
        messages.success(request, _("Brouillon enregistré. L'adulte le relira avant de l'envoyer."))
        return _back_to_work(request, classroom)
    return TemplateResponse(
        request,
        "dictionnaire/draft_form.html",
        {"form": form, "classroom": classroom, "word_request": word_request, "actor": actor},
    )


def draft_edit(request, pk):
    """Improve a draft or a published definition. The published version stays online until approval."""
    classroom = _class_of_request(request)
    if classroom is None:
        raise PermissionDenied
    stored = get_object_or_404(Term, pk=pk)
    if not stored.live and stored.classroom_id != classroom.pk:
        raise PermissionDenied
    actor = actor_for(request, classroom)
    current = stored.get_latest_revision_as_object()
    conflict = None
    refusal = None
    if request.method == "POST":
        form = DraftForm(request.POST, instance=current)
        if stored.workflow_in_progress:
            refusal = _("Cette définition est en relecture chez un modérateur : attendez sa réponse pour la changer.")
        elif stored.locked and stored.locked_by_id != getattr(request.user, "pk", None):
            refusal = _("Un modérateur est en train de modifier ce mot. Réessayez plus tard.")
        if refusal is None and form.is_valid():
            with transaction.atomic():
                locked = Term.objects.select_for_update().get(pk=pk)
                base = form.cleaned_data.get("base_revision")
                if locked.latest_revision_id and base != locked.latest_revision_id:
                    conflict = locked.get_latest_revision_as_object()
                else:
                    term = form.save(commit=False)
                    if not locked.classroom_id or not locked.live:
                        term.classroom = classroom
                    revision = term.save_revision(user=actor[1] if actor[0] == "adult" else None, log_action=True)
                    record_contribution(locked, classroom, revision, actor)
                    if not locked.live:
                        # a draft that was never published: its row is not public, keep it in step
                        Term.objects.filter(pk=pk).update(classroom=term.classroom)
                    WordRequest.objects.filter(term=locked).update(last_draft_at=timezone.now())
                    messages.success(request, _("Modification enregistrée. L'adulte la relira avant de l'envoyer."))
                    return _back_to_work(request, classroom)
        if conflict is not None:
            form.add_error(
                None,
                _(
                    "Quelqu'un a enregistré ce mot pendant que vous écriviez. Votre texte n'est pas perdu : il est "
                    "toujours dans le formulaire. Comparez avec la version enregistrée ci-dessous, puis enregistrez "
                    "de nouveau."
                ),
            )
            form.data = form.data.copy()
            form.data["base_revision"] = conflict.latest_revision_id
        if refusal:
            form.add_error(None, refusal)
    else:
        form = DraftForm(instance=current)
    status = 409 if conflict is not None or refusal else 200
    return TemplateResponse(
        request,
        "dictionnaire/draft_form.html",
        {"form": form, "classroom": classroom, "term": stored, "conflict": conflict, "actor": actor},
        status=status,
    )


# -- adults: classes and workshops -----------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "dictionnaire/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("dictionnaire:classes")


def _accompagnateur(request):
    accompagnateur = getattr(request.user, "accompagnateur", None)
    if accompagnateur is None and not request.user.is_superuser:
        raise PermissionDenied
    return accompagnateur


@login_required(login_url="dictionnaire:login")
def classes(request):
    accompagnateur = _accompagnateur(request)
    form = ClassroomForm(request.POST or None)
    if request.method == "POST":
        if accompagnateur is None:
            raise PermissionDenied
        if form.is_valid():
            classroom = form.save(commit=False)
            classroom.structure = accompagnateur.structure
            classroom.adult = request.user
            classroom.save()
            messages.success(request, _("La classe « %(name)s » est créée.") % {"name": classroom})
            return redirect(classroom.get_absolute_url())
    mine = Classroom.objects.select_related("structure")
    if not request.user.is_superuser:
        mine = mine.filter(adult=request.user)
    return TemplateResponse(request, "dictionnaire/classes.html", {"form": form, "classrooms": mine})


def _own_classroom(request, pk):
    classroom = get_object_or_404(Classroom.objects.select_related("structure", "adult"), pk=pk)
    if classroom.adult_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return classroom


@login_required(login_url="dictionnaire:login")
def classroom_detail(request, pk):
    classroom = _own_classroom(request, pk)
    open_workshop = classroom.workshops.filter(closed=False, expires_at__gt=timezone.now()).first()
    return TemplateResponse(
        request,
        "dictionnaire/classroom.html",
        {"classroom": classroom, "open_workshop": open_workshop, **class_work(classroom)},
    )


@require_POST
@login_required(login_url="dictionnaire:login")
def workshop_open(request, pk):
    classroom = _own_classroom(request, pk)
    opened = Workshop.open(classroom, request.user)
    messages.success(request, _("Atelier ouvert. Le code pour les élèves : %(code)s") % {"code": opened.code})
    return redirect(classroom.get_absolute_url())


@require_POST
@login_required(login_url="dictionnaire:login")
def workshop_close(request, pk):
    classroom = _own_classroom(request, pk)
    for item in classroom.workshops.filter(closed=False):
        item.closed = True
        item.save(update_fields=["closed"])
        item.pupils.all().delete()
    messages.success(request, _("L'atelier est fermé. Les prénoms des élèves sont effacés."))
    return redirect(classroom.get_absolute_url())


@require_POST
@login_required(login_url="dictionnaire:login")
def submit(request, pk, term_pk):
    """The adult sends the class's draft to the moderators (Wagtail's workflow)."""
    classroom = _own_classroom(request, pk)
    term = get_object_or_404(Term, pk=term_pk)
    if term.classroom_id != classroom.pk and not term.contributions.filter(classroom=classroom).exists():
        raise PermissionDenied
    if term.workflow_in_progress:
        messages.info(request, _("Ce mot est déjà chez les modérateurs."))
    elif term.live and not term.has_unpublished_changes:
        messages.info(request, _("Rien de nouveau à envoyer pour ce mot."))
    else:
        workflow = term.get_workflow()
        if workflow is None:
            messages.error(request, _("La relecture n'est pas encore configurée. Prévenez l'administrateur du site."))
        else:
            workflow.start(term, request.user)
            WordRequest.objects.filter(term=term).update(status=WordRequest.Status.IN_MODERATION)
            messages.success(request, _("« %(word)s » est envoyé aux modérateurs. Merci !") % {"word": term.word})
    return redirect(classroom.get_absolute_url())


# -- open data -------------------------------------------------------------------------------------------------


def _published_terms():
    return (
        Term.objects.live()
        .select_related("classroom__structure")
        .prefetch_related(Prefetch("related_terms", queryset=Term.objects.live().only("slug")))
        .order_by("word")
    )


def export_json(request):
    data = {
        "licence": "CC BY-SA 4.0",
        "licence_url": LICENCE_URL,
        "source": request.build_absolute_uri(reverse("wagtail_serve", args=["dictionnaire/"])),
        "termes": [term.as_json(request) for term in _published_terms()],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="dictionnaire.json"'
    return response


CSV_COLUMNS = [
    "mot",
    "slug",
    "url",
    "categorie",
    "variantes",
    "synonymes",
    "definition_courte",
    "definition_complete_html",
    "on_dit",
    "ce_que_je_trouve_dangereux_des_fois",
    "ce_que_je_trouve_cool_en_meme_temps",
    "mots_lies",
    "credits",
    "publie_le",
    "licence",
]


def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dictionnaire.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for term in _published_terms():
        row = term.as_json(request)
        writer.writerow(["; ".join(v) if isinstance(v := row[c], list) else (v or "") for c in CSV_COLUMNS])
    return response


def api_term(request, slug):
    term = _published_terms().filter(slug=slug).first()
    if term is None:
        return JsonResponse({"erreur": _("Ce mot n'est pas dans le dictionnaire.")}, status=404)
    response = JsonResponse(term.as_json(request), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
