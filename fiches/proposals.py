"""The public « Proposer une expérience » page: a form that makes a draft fiche and sends it to moderation."""

from django.db import transaction
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fiches.forms import ProposalForm
from fiches.models import ExperienceOrganisation, ExperiencePage
from fiches.moderation import fiche_workflow
from portail.abuse import is_limited, is_used_up

SECTIONS = [("context", "Contexte"), ("description", "Description de l'action"), ("results", "Résultats")]


@transaction.atomic
def create_proposal(index, data):
    """A draft fiche under ``index`` with the proposal's text, in the fiches' workflow."""
    body = [
        {"type": "section", "value": {"kind": kind, "heading": heading, "text": data[kind]}}
        for kind, heading in SECTIONS
        if data.get(kind)
    ]
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
    )
    page.organisations = [ExperienceOrganisation(name=data["structure"])]
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    workflow = fiche_workflow(index)
    if workflow is not None:
        workflow.start(page, user=None)
    return page


def propose_view(index, request):
    thanks = request.GET.get("merci") == "1"
    form = ProposalForm()
    limited = False
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST)
        limited = is_limited(request, "fiche-proposal")
        if limited:
            status = 429
        elif form.is_bot():
            return redirect(index.propose_url + "?merci=1")  # say thanks to a robot, keep nothing
        elif form.is_valid():
            create_proposal(index, form.cleaned_data)
            return redirect(index.propose_url + "?merci=1")
        else:
            status = 400
    elif not thanks and is_used_up(request, "fiche-proposal"):
        form = None  # a form that could not be sent is not shown: the page says when to come back
    response = index.render_proposal(request, {"form": form, "thanks": thanks, "limited": limited})
    response.status_code = status
    return response
