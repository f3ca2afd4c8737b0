"""Public pages of the dictionary for everyone, no account: term pages, « demander un mot », tracking.

Every page works without JavaScript: GET forms to read, POST forms (with CSRF) to write.
"""

import re

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from boussole.models import GlossaryEntry
from dictionnaire import notifications
from dictionnaire.forms import MeTooForm, WordRequestForm
from dictionnaire.images import images_prefetch
from dictionnaire.index import WAITING_STATUSES
from dictionnaire.models import (
    RequestSubmission,
    Term,
    WordRequest,
)
from portail.abuse import is_limited, is_used_up
from portail.cache import cached, public_response

ME_TOO_KEY = "dictionnaire_moi_aussi"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"


def term_data(slug):
    """The published term with its related terms, and the boussole's glossary entry for the same word."""
    related = Prefetch("related_terms", queryset=Term.objects.live().only("word", "slug").order_by("word"))
    term = (
        Term.objects.live()
        .select_related("classroom__structure__boussole_structure", "image")
        .prefetch_related(related, images_prefetch(renditions=True))
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
            # Another spelling typed in the address (« wifi », « Wi-Fi », a variant): to the word, as a redirect.
            known = Term.find_by_word(slug.replace("-", " "), live_only=True)
            if known is not None and known.slug != slug:
                return redirect(known.get_url(), permanent=True)
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
        each_time=lambda: ("dictionnaire.models.count_term_view", (shown["term"],)) if "term" in shown else None,
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
        if is_used_up(request, "word-request"):  # a form that could not be sent is not shown
            form = None
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


def wanted_word(request, pk):
    """A wanted word's own page: how many wait, where it stands, and « Moi aussi » (with an optional e-mail)."""
    word_request = get_object_or_404(WordRequest.objects.select_related("term"), pk=pk)
    return TemplateResponse(
        request,
        "dictionnaire/wanted_word.html",
        {
            "item": word_request,
            "form": MeTooForm(),
            "ready": word_request.term if word_request.term_id and word_request.term.live else None,
            "already_counted": pk in request.session.get(ME_TOO_KEY, []),
        },
    )


@require_POST
def me_too(request, pk):
    """« Moi aussi »: one more person waits for this word (once per browser session) and gets a tracking code."""
    word_request = get_object_or_404(WordRequest.objects.select_related("term"), pk=pk)
    form = MeTooForm(request.POST)
    back = reverse("dictionnaire:request") + "#mots-attendus"
    if form.is_bot():
        return redirect(back)
    if word_request.term_id and word_request.term.live:
        messages.info(request, _("Bonne nouvelle : ce mot est déjà expliqué."))
        return redirect(word_request.term.url or back)
    if is_limited(request, "me-too"):
        messages.error(request, _("Beaucoup de demandes sont arrivées d'ici. Réessayez dans une heure, merci."))
    elif pk in request.session.get(ME_TOO_KEY, []):
        messages.info(request, _("Vous attendez déjà ce mot : nous l'avons bien noté."))
    elif not form.is_valid():
        return TemplateResponse(
            request,
            "dictionnaire/wanted_word.html",
            {"item": word_request, "form": form, "ready": None, "already_counted": False},
            status=400,
        )
    else:
        submission = WordRequest.ask(word_request.word, email=form.cleaned_data["email"])
        remember_me_too(request, pk)
        messages.success(
            request,
            _("C'est noté : vous attendez aussi « %(word)s ». Gardez votre code de suivi.")
            % {"word": word_request.word},
        )
        return redirect("dictionnaire:status", code=submission.tracking_code)
    return redirect(back)


@require_GET
def request_status(request, code=None):
    # As typed from paper: « ab3 k9z », « AB3-K9Z » are the code AB3K9Z.
    code = re.sub(r"[\s\-.–—_]+", "", code or request.GET.get("code", "")).upper()[:20]
    submission = None
    if code and code.isalnum() and code.isascii():
        submission = RequestSubmission.objects.select_related("request__term").filter(tracking_code=code).first()
    status = 404 if code and submission is None else 200
    context = {"code": code, "submission": submission}
    if submission is not None:
        address = request.build_absolute_uri(reverse("dictionnaire:status", args=[submission.tracking_code]))
        context["card_address"] = address
    return TemplateResponse(request, "dictionnaire/request_status.html", context, status=status)


@require_GET
def request_status_qr(request, code):
    """The QR code of a tracking page's address, for the printable card (an image of its own: no ``data:`` URL)."""
    import segno
    from django.http import HttpResponse

    submission = RequestSubmission.objects.filter(tracking_code=str(code)[:20].upper()).only("tracking_code").first()
    if submission is None:
        raise Http404(_("Nous ne trouvons pas ce code. Vérifiez les lettres et les chiffres."))
    address = request.build_absolute_uri(reverse("dictionnaire:status", args=[submission.tracking_code]))
    response = HttpResponse(content_type="image/svg+xml")
    segno.make(address, error="m").save(response, kind="svg", scale=4, border=2, xmldecl=False)
    return response
