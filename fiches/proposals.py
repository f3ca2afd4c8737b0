"""The public « Proposer une expérience » page: a form that makes a draft fiche and sends it to moderation."""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from fiches.forms import ProposalForm
from fiches.models import ExperienceOrganisation, ExperiencePage, ExperiencePublic, ExperienceTheme
from fiches.moderation import fiche_workflow
from portail.abuse import is_limited, is_used_up

SECTIONS = [("context", "Contexte"), ("description", "Description de l'action"), ("results", "Résultats")]
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as the dictionary's requests: no 0/O, 1/I/L


def new_tracking_code():
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not ExperiencePage.objects.filter(tracking_code=code).exists():
            return code


def store_photo(upload, title):
    """The proposal's photo (already re-encoded without metadata by the form) in the image library."""
    upload.seek(0)
    return get_image_model().objects.create(title=title[:255], file=ContentFile(upload.read(), name=upload.name))


@transaction.atomic
def create_proposal(index, data):
    """A draft fiche under ``index`` with the proposal's text, in the fiches' workflow."""
    body = [
        {"type": "section", "value": {"kind": kind, "heading": heading, "text": data[kind]}}
        for kind, heading in SECTIONS
        if data.get(kind)
    ]
    if data.get("photo"):
        image = store_photo(data["photo"], data["title"])
        body.append({"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": data["title"]}})
    base = slugify(data["title"])[:60] or "proposition"
    slug, n = base, 2
    taken = set(index.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    page = ExperiencePage(
        title=data["title"],
        slug=slug,
        live=False,
        structure=data["structure"],
        commune=data["commune"],
        departement=data["departement"],
        body=body,
        contact_persons=_("Proposée en ligne par : %(email)s") % {"email": data["email"]},
        locale=index.locale,
        tracking_code=new_tracking_code(),
    )
    page.organisations = [ExperienceOrganisation(name=data["structure"])]
    page.themes.set(list(ExperienceTheme.objects.filter(slug__in=data.get("themes") or [])))
    page.publics.set(list(ExperiencePublic.objects.filter(slug__in=data.get("publics") or [])))
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    workflow = fiche_workflow(index)
    if workflow is not None:
        workflow.start(page, user=None)
    return page


def propose_view(index, request):
    thanks = request.GET.get("merci") == "1"
    code = request.GET.get("code", "")[:12] if thanks else ""
    form = ProposalForm()
    limited = False
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES)
        limited = is_limited(request, "fiche-proposal")
        if limited:
            status = 429
        elif form.is_bot():
            return redirect(index.propose_url + "?merci=1")  # say thanks to a robot, keep nothing
        elif form.is_valid():
            page = create_proposal(index, form.cleaned_data)
            return redirect(index.propose_url + "?" + urlencode({"merci": 1, "code": page.tracking_code}))
        else:
            status = 400
    elif not thanks and is_used_up(request, "fiche-proposal"):
        form = None  # a form that could not be sent is not shown: the page says when to come back
    response = index.render_proposal(request, {"form": form, "thanks": thanks, "limited": limited, "code": code})
    response.status_code = status
    return response


def tracking_view(index, request):
    """« Où en est ma proposition ? »: by its code, waiting for moderation or published (nothing else is shown)."""
    code = "".join(request.GET.get("code", "").upper().split())[:12]
    fiche = None
    if code:
        fiche = ExperiencePage.objects.child_of(index).filter(tracking_code=code).first()
    return TemplateResponse(
        request,
        "fiches/tracking.html",
        {"page": index, "self": index, "code": code, "fiche": fiche},
        status=404 if code and fiche is None else 200,
    )
