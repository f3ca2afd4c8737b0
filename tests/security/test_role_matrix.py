"""The role matrix: for every view of the site and the admin actions that matter, what each role may do.

One table (``MATRIX``): a row per view (its URL name, or ``page:``/``route:`` for Wagtail pages and their
sub-routes), the request to make, and the expected status for each of the six roles. A refused request must
change nothing (counted rows before and after). ``test_every_project_view_is_in_the_matrix`` fails when a view
is added to the project's URLs without a row here.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from boussole.callbacks import CallbackRequest
from boussole.models import ErrorReport, Event, GlossaryEntry, Structure
from dictionnaire.models import (
    Accompagnateur,
    Category,
    Classroom,
    Pupil,
    RequestSubmission,
    Term,
    WordRequest,
    Workshop,
)
from dictionnaire.models import Structure as School
from dictionnaire.roles import ACCOMPAGNATEURS, MODERATORS
from fiches.models import ExperiencePage
from fiches.moderation import MODERATORS_GROUP
from portail.accounts.models import JoinRequest

ROLES = ["anonymous", "pupil", "accompagnateur", "moderator", "structure_admin", "superuser"]
PROJECT_MODULES = ("portail.", "dictionnaire.", "fiches.", "boussole.", "pilotage.")

# Shorthands. ``OK``: a public page that reads nothing of the visitor, the same for every role; to keep the suite
# fast it is asked as the two ends of the range (no session at all, a pupil's session) and as a superuser (every
# permission): the other roles hold a subset of the superuser's rights and no workshop session.
OK = {"anonymous": 200, "pupil": 200, "superuser": 200}
LOGIN = 302  # sent to a login page
DENIED = 403


def roles(default, **overrides):
    return {**dict.fromkeys(ROLES, default), **overrides}


ADULTS_ONLY = roles(LOGIN, accompagnateur=200, superuser=200, moderator=DENIED, structure_admin=DENIED)
ADMIN = {"anonymous": LOGIN, "pupil": LOGIN, "accompagnateur": LOGIN}
ADMINS = ("moderator", "structure_admin", "superuser")  # the roles that reach the Wagtail admin
ONLY_SUPERUSER = {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 200}

#: (view, method, URL with {placeholders}, data, {role: status}). Statuses are what a person gets.
MATRIX = [
    # -- pages and site-wide
    ("page:portail.HomePage", "get", "/", None, OK),
    ("search", "get", "/recherche/?q=wifi", None, OK),
    ("privacy", "get", "/confidentialite/", None, OK),
    ("reading_preferences", "get", "/preferences/?texte=grand&next=/fiches/", None, roles(302)),
    ("sitemap", "get", "/sitemap.xml", None, OK),
    ("wagtailapi:pages:listing", "get", "/api/v2/pages/?type=fiches.ExperiencePage", None, OK),
    ("wagtailapi:pages:detail", "get", "/api/v2/pages/{fiche}/", None, OK),
    (
        "wagtailapi:pages:find",
        "get",
        "/api/v2/pages/find/?html_path=/fiches/atelier-tablettes/",
        None,
        roles(302),
    ),  # to the detail
    # -- dictionary, public
    ("page:dictionnaire.DictionaryIndexPage", "get", "/dictionnaire/", None, OK),
    ("dictionnaire:term", "get", "/dictionnaire/wi-fi/", None, OK),
    ("dictionnaire_search:page", "get", "/dictionnaire/recherche/?q=wifi", None, OK),
    ("dictionnaire_search_api:search", "get", "/api/dictionnaire/recherche/?q=wifi", None, OK),
    ("dictionnaire_api:api_term", "get", "/api/dictionnaire/termes/wi-fi/", None, OK),
    ("dictionnaire:export_json", "get", "/dictionnaire/export/dictionnaire.json", None, OK),
    ("dictionnaire:export_csv", "get", "/dictionnaire/export/dictionnaire.csv", None, OK),
    ("dictionnaire:request", "get", "/dictionnaire/demander/", None, OK),
    ("dictionnaire:request", "post", "/dictionnaire/demander/", {"word": "Bluetooth"}, roles(302)),
    ("dictionnaire:wanted", "get", "/dictionnaire/demander/{request}/", None, OK),
    ("dictionnaire:me_too", "post", "/dictionnaire/demander/{request}/moi-aussi/", {}, roles(302)),
    ("dictionnaire:me_too", "get", "/dictionnaire/demander/{request}/moi-aussi/", None, roles(405)),
    ("dictionnaire:status_form", "get", "/dictionnaire/suivi/?code=SUIVI234", None, OK),
    ("dictionnaire:status", "get", "/dictionnaire/suivi/SUIVI234/", None, OK),
    ("dictionnaire:status_qr", "get", "/dictionnaire/suivi/SUIVI234/qr.svg", None, OK),
    ("dictionnaire:lexicon", "get", "/dictionnaire/lexique/", None, OK),
    ("dictionnaire:lexicon", "post", "/dictionnaire/lexique/", {"action": "vider"}, roles(302)),
    ("dictionnaire:lexicon_add", "post", "/dictionnaire/lexique/ajouter/", {"mot": "inconnu"}, roles(302)),
    ("dictionnaire:lexicon_pdf", "get", "/dictionnaire/lexique.pdf?mots=inconnu", None, roles(404)),
    ("dictionnaire:booklet_pdf", "get", "/dictionnaire/livret.pdf", None, OK),
    ("manifest", "get", "/manifest.webmanifest", None, OK),
    ("service_worker", "get", "/service-worker.js", None, OK),
    ("offline", "get", "/hors-ligne/", None, OK),
    ("widget_dictionary", "get", "/widget/dictionnaire/?q=wifi", None, OK),
    ("widget_directory", "get", "/widget/annuaire/?commune=80021", None, OK),
    # -- pupils' workshop (a pupil is in the session; adults may look at the join form)
    ("dictionnaire:workshop", "get", "/dictionnaire/atelier/", None, OK),
    (
        "dictionnaire:workshop",
        "post",
        "/dictionnaire/atelier/",
        {"code": "{code}", "nickname": "Lina"},
        roles(302, pupil=200),
    ),
    ("dictionnaire:workshop_leave", "post", "/dictionnaire/atelier/quitter/", {}, roles(302)),
    (
        "dictionnaire:claim",
        "post",
        "/dictionnaire/atelier/prendre/{request}/",
        {},
        roles(DENIED, pupil=302),
    ),
    (
        "dictionnaire:claim",
        "post",
        "/dictionnaire/atelier/prendre/{request}/?classe={classroom}",
        {},
        roles(DENIED, pupil=302, accompagnateur=302, superuser=302),
    ),
    (
        "dictionnaire:draft_new",
        "get",
        "/dictionnaire/atelier/ecrire/{claimed}/",
        None,
        roles(DENIED, pupil=200),
    ),
    (
        "dictionnaire:draft_edit",
        "get",
        "/dictionnaire/atelier/modifier/{term}/",
        None,
        roles(DENIED, pupil=200),
    ),
    (
        "dictionnaire:draft_edit",
        "get",
        "/dictionnaire/atelier/modifier/{term}/?classe={classroom}",
        None,
        roles(DENIED, pupil=200, accompagnateur=200, superuser=200),
    ),
    (
        "dictionnaire:draft_preview",
        "get",
        "/dictionnaire/atelier/apercu/{draft}/?classe={classroom}",
        None,
        roles(DENIED, pupil=200, accompagnateur=200, superuser=200),
    ),
    # -- adults' classes
    ("dictionnaire:login", "get", "/dictionnaire/connexion/", None, roles(302, anonymous=200, pupil=200)),
    ("dictionnaire:classes", "get", "/dictionnaire/classes/", None, ADULTS_ONLY),
    (
        "dictionnaire:classes",
        "post",
        "/dictionnaire/classes/",
        {"pseudonym": "CM2 B", "level": "CM2"},
        # a superuser is no adult of a structure: sent back to the page that explains whom to ask, nothing created
        roles(LOGIN, accompagnateur=302, moderator=DENIED, structure_admin=DENIED, superuser=302),
    ),
    ("dictionnaire:classroom", "get", "/dictionnaire/classes/{classroom}/", None, ADULTS_ONLY),
    (
        "dictionnaire:workshop_open",
        "post",
        "/dictionnaire/classes/{classroom}/ouvrir-atelier/",
        {},
        {**ADULTS_ONLY, "accompagnateur": 302, "superuser": 302},
    ),
    (
        "dictionnaire:workshop_close",
        "post",
        "/dictionnaire/classes/{classroom}/fermer-atelier/",
        {},
        {**ADULTS_ONLY, "accompagnateur": 302, "superuser": 302},
    ),
    (
        "dictionnaire:workshop_unlock",
        "post",
        "/dictionnaire/classes/{classroom}/debloquer-atelier/",
        {},
        {**ADULTS_ONLY, "accompagnateur": 302, "superuser": 302},
    ),
    ("dictionnaire:workshop_board", "get", "/dictionnaire/classes/{classroom}/tableau/", None, ADULTS_ONLY),
    (
        "dictionnaire:submit",
        "post",
        "/dictionnaire/classes/{classroom}/soumettre/{draft}/",
        {},
        {**ADULTS_ONLY, "accompagnateur": 302, "superuser": 302},
    ),
    # -- fiches
    ("page:fiches.ExperienceIndexPage", "get", "/fiches/", None, OK),
    ("page:fiches.ExperiencePage", "get", "/fiches/atelier-tablettes/", None, OK),
    ("route:fiches.ExperienceIndexPage:propose", "get", "/fiches/proposer/", None, OK),
    ("route:fiches.ExperienceIndexPage:propose", "post", "/fiches/proposer/", {"title": ""}, roles(400)),
    ("route:fiches.ExperienceIndexPage:tracking", "get", "/fiches/suivi/", None, OK),
    ("route:fiches.ExperienceIndexPage:rss", "get", "/fiches/flux/rss/", None, OK),
    ("route:fiches.ExperienceIndexPage:atom", "get", "/fiches/flux/atom/", None, OK),
    ("route:fiches.ExperienceIndexPage:export_json", "get", "/fiches/export/json/", None, OK),
    ("route:fiches.ExperienceIndexPage:export_csv", "get", "/fiches/export/csv/", None, OK),
    ("route:fiches.ExperienceIndexPage:booklet", "get", "/fiches/livret/?fiche=0", None, roles(302)),
    (
        "route:fiches.ExperiencePage:pdf",
        "get",
        "/fiches/atelier-tablettes/pdf/",
        None,
        {"anonymous": 200},
    ),  # a PDF (slow to make): public, the same for everyone
    # -- boussole
    ("page:boussole.BoussoleIndexPage", "get", "/boussole/", None, OK),
    ("boussole:directory", "get", "/boussole/annuaire/?q=centre", None, OK),
    ("boussole:structure", "get", "/boussole/annuaire/{structure}/", None, OK),
    ("boussole:report_error", "post", "/boussole/annuaire/{structure}/signaler/", {"message": "Fermé."}, roles(302)),
    ("boussole:report_error", "get", "/boussole/annuaire/{structure}/signaler/", None, roles(405)),
    ("boussole:callback", "get", "/boussole/annuaire/{structure}/rappel/", None, OK),
    (
        "boussole:callback",
        "post",
        "/boussole/annuaire/{structure}/rappel/",
        {"prenom": "Samia", "telephone": "0612345678", "consentement": "on"},
        OK,
    ),
    ("boussole:confirm", "get", "/boussole/annuaire/{structure}/confirmer/faux-jeton/", None, roles(400)),
    ("boussole:structure_ics", "get", "/boussole/annuaire/{structure}/agenda.ics", None, OK),
    ("boussole:communes", "get", "/boussole/communes.json?q=lil", None, OK),
    ("boussole:agenda", "get", "/boussole/agenda/", None, OK),
    ("boussole:agenda_ics", "get", "/boussole/agenda.ics", None, OK),
    ("boussole:event", "get", "/boussole/agenda/{event}/", None, OK),
    ("boussole:event_ics", "get", "/boussole/agenda/{event}.ics", None, OK),
    ("boussole:resources", "get", "/boussole/ressources/", None, OK),
    ("boussole:glossary", "get", "/boussole/glossaire/", None, OK),
    ("boussole:glossary_entry", "get", "/boussole/glossaire/{glossary}/", None, OK),
    ("boussole:orientation", "get", "/boussole/orientation/", None, OK),
    (
        "boussole:professionals",
        "get",
        "/boussole/professionnels/",
        None,
        roles(DENIED, anonymous=LOGIN, pupil=LOGIN, structure_admin=200, superuser=200),
    ),
    ("boussole:open_data", "get", "/boussole/donnees/", None, OK),
    ("boussole:open_data_json", "get", "/boussole/donnees/boussole.json", None, OK),
    ("boussole:open_data_csv", "get", "/boussole/donnees/structures.csv", None, OK),
    ("boussole:open_data_events_json", "get", "/boussole/donnees/evenements.json", None, OK),
    ("boussole:open_data_events_csv", "get", "/boussole/donnees/evenements.csv", None, OK),
    # -- admin actions that matter per role
    ("admin:home", "get", "/admin/", None, {**ADMIN, "moderator": 200, "structure_admin": 200, "superuser": 200}),
    (
        "widget_snippets",
        "get",
        "/admin/widgets/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 200, "superuser": 200},
    ),
    (
        "admin:term_listing",
        "get",
        "/admin/snippets/dictionnaire/term/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    (
        "admin:term_edit",
        "get",
        "/admin/snippets/dictionnaire/term/edit/{term}/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    # two-factor pages (inside the admin: the admin's own login rule comes first)
    ("portail_2fa_verify", "get", "/admin/2fa/verifier/", None, {**ADMIN, **dict.fromkeys(ADMINS, 302)}),
    ("portail_2fa_setup", "get", "/admin/2fa/configurer/", None, {**ADMIN, **dict.fromkeys(ADMINS, 200)}),
    ("portail_2fa_qrcode", "get", "/admin/2fa/configurer/qr.svg", None, {**ADMIN, **dict.fromkeys(ADMINS, 200)}),
    (
        "admin:term_publish",
        "post",
        "/admin/snippets/dictionnaire/term/edit/{draft}/",
        "publish_term",
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 302},
    ),
    (
        "admin:fiche_edit",
        "get",
        "/admin/pages/{fiche}/edit/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    (
        "admin:boussole_page_edit",
        "get",
        "/admin/pages/{boussole}/edit/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 200},
    ),
    (
        "admin:structure_listing",
        "get",
        "/admin/snippets/boussole/structure/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 200, "superuser": 200},
    ),
    (
        "admin:structure_edit",
        "get",
        "/admin/snippets/boussole/structure/edit/{structure_pk}/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 200, "superuser": 200},
    ),
    (
        "wagtailsnippets_boussole_callbackrequest:edit",
        "get",
        "/admin/snippets/boussole/callbackrequest/edit/{callback}/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 200, "superuser": 200},
    ),
    (
        "boussole_admin_import",
        "get",
        "/admin/boussole/import/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 200, "superuser": 200},
    ),
    (
        "boussole_admin_export",
        "get",
        "/admin/boussole/export/json",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 200, "superuser": 200},
    ),
    (
        "dictionnaire_figures",
        "get",
        "/admin/dictionnaire/chiffres/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    (
        "pilotage_jobs",
        "get",
        "/admin/pilotage/taches/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 200},
    ),
    (
        "dictionary_unanswered_searches",
        "get",
        "/admin/mots-sans-reponse/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    (
        "pilotage_unanswered_action",
        "post",
        "/admin/mots-sans-reponse/action/",
        {},
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 302},
    ),
    (
        "dictionary_unanswered_searches_results",
        "get",
        "/admin/mots-sans-reponse/resultats/",
        None,
        {**ADMIN, "moderator": 200, "structure_admin": 302, "superuser": 200},
    ),
    (
        "admin:users",
        "get",
        "/admin/users/",
        None,
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 200},
    ),
    (
        "admin:term_workflow_approve",
        "post",
        "/admin/snippets/dictionnaire/term/workflow/action/{moderated}/approve/{task_state}/",
        {"comment": ""},
        {**ADMIN, "moderator": 302, "structure_admin": 302, "superuser": 302},
    ),
]

MATRIX += [
    # -- network: taking part, the adults' accounts (a structure_admin here keeps Boussole sheets: no dictionary
    # structure of theirs, so no adult to see or invite)
    ("participate", "get", "/participer/", None, OK),
    (
        "participate",
        "post",
        "/participer/",
        {"structure": "Centre Matrice", "commune": "Lille", "email": "cm@exemple.org"},
        roles(302),
    ),
    ("accounts:account", "get", "/compte/", None, roles(200, anonymous=LOGIN, pupil=LOGIN)),
    ("accounts:delete", "get", "/compte/supprimer/", None, roles(405)),
    ("accounts:delete", "post", "/compte/supprimer/", {"password": "faux"}, roles(400, anonymous=LOGIN, pupil=LOGIN)),
    ("accounts:invitation", "get", "/compte/invitation/inconnue/", None, roles(404)),
    ("accounts:password_reset", "get", "/compte/mot-de-passe-oublie/", None, OK),
    ("accounts:password_reset_done", "get", "/compte/mot-de-passe-oublie/envoye/", None, OK),
    ("accounts:password_reset_confirm", "get", "/compte/mot-de-passe/MQ/faux-jeton/", None, OK),
    ("accounts:password_reset_complete", "get", "/compte/mot-de-passe/change/", None, OK),
    ("accompagnateurs:index", "get", "/admin/accompagnateurs/", None, ONLY_SUPERUSER),
    ("accompagnateurs:index_results", "get", "/admin/accompagnateurs/results/", None, ONLY_SUPERUSER),
    ("accompagnateurs:invite", "get", "/admin/accompagnateurs/inviter/", None, ONLY_SUPERUSER),
    ("participations:index", "get", "/admin/participations/", None, ONLY_SUPERUSER),
    ("participations:index_results", "get", "/admin/participations/results/", None, ONLY_SUPERUSER),
    ("participations:decide", "get", "/admin/participations/decider/{join_request}/", None, ONLY_SUPERUSER),
]

#: Views of the project that are not a page of their own, with the reason.
NOT_VIEWS = {
    "route:fiches.ExperienceIndexPage:index_route": "the page itself: page:fiches.ExperienceIndexPage",
    "route:fiches.ExperiencePage:index_route": "the page itself: page:fiches.ExperiencePage",
}


def project_views():
    """The names of the project's own views: URL patterns whose view lives in the project's apps, the routes of
    its routable pages and its page types."""
    from django.apps import apps
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                callback = pattern.callback
                module = getattr(callback, "view_class", callback).__module__
                if module.startswith(PROJECT_MODULES) and pattern.name:
                    names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    for model in apps.get_models():
        if issubclass(model, Page) and model.__module__.startswith(PROJECT_MODULES):
            names.add(f"page:{model._meta.label}")
            if issubclass(model, RoutablePageMixin):
                for route in model.get_subpage_urls():
                    names.add(f"route:{model._meta.label}:{route.name}")
    return names


def test_every_project_view_is_in_the_matrix():
    missing = project_views() - {row[0] for row in MATRIX} - set(NOT_VIEWS)
    assert not missing, f"Views without a row in the role matrix: {sorted(missing)}"
    assert len({row[0] for row in MATRIX}) >= 60


@pytest.fixture
def world(site_pages, django_user_model, structure_admin_group):
    """One of everything the matrix needs, and one user (or session) per role."""
    today = date.today()
    school = School.objects.create(name="École Matrice")
    users = {}
    users["accompagnateur"] = django_user_model.objects.create_user("acc", "acc@exemple.org", "x" * 14)
    users["accompagnateur"].groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
    Accompagnateur.attach(users["accompagnateur"], school)
    users["moderator"] = django_user_model.objects.create_user("mod", "mod@exemple.org", "x" * 14)
    users["moderator"].groups.add(Group.objects.get(name=MODERATORS), Group.objects.get(name=MODERATORS_GROUP))
    users["structure_admin"] = django_user_model.objects.create_user("sadm", "sadm@exemple.org", "x" * 14)
    users["structure_admin"].groups.add(structure_admin_group)
    users["superuser"] = django_user_model.objects.create_superuser("root", "root@exemple.org", "x" * 14)
    classroom = Classroom.objects.create(
        pseudonym="CM2 A", level="CM2", structure=school, adult=users["accompagnateur"]
    )
    workshop = Workshop.open(classroom, users["accompagnateur"])
    term = Term(word="Wi-Fi", category=Category.INTERNET, short_definition="Internet sans fil.", live=False)
    term.save()
    term.save_revision().publish()
    draft = Term(
        word="Cookie", category=Category.INTERNET, short_definition="Un petit fichier.", live=False, classroom=classroom
    )
    draft.save()
    draft.save_revision()
    moderated = Term(
        word="Tablette", category=Category.HARDWARE, short_definition="Un écran.", live=False, classroom=classroom
    )
    moderated.save()
    moderated.save_revision()
    moderated.get_workflow().start(moderated, users["accompagnateur"])
    word_request = WordRequest.objects.create(word="Cloud")
    RequestSubmission.objects.create(request=word_request, tracking_code="SUIVI234")
    claimed = WordRequest.objects.create(word="Pixel")
    claimed.claim(classroom)
    fiche = ExperiencePage(title="Atelier tablettes", slug="atelier-tablettes", structure="Centre", departement="59")
    site_pages["fiches"].add_child(instance=fiche)
    structure = Structure.objects.create(
        source="m", source_id="1", nom="Centre Matrice", date_maj=today, verified_at=today, live=True
    )
    event = Event.objects.create(title="Café des parents", start=timezone.now() + timedelta(days=2), live=True)
    glossary = GlossaryEntry.objects.create(term="PMI", short_definition="Protection maternelle.", live=True)
    join_request = JoinRequest.objects.create(structure_name="Centre Demande", commune="Lille", email="d@exemple.org")
    callback = CallbackRequest.objects.create(structure=structure, prenom="Samia", telephone="0612345678")
    return {
        "users": users,
        "workshop": workshop,
        "ids": {
            "request": word_request.pk,
            "claimed": claimed.pk,
            "classroom": classroom.pk,
            "term": term.pk,
            "draft": draft.pk,
            "code": workshop.code,
            "structure": structure.slug,
            "structure_pk": structure.pk,
            "event": event.slug,
            "glossary": glossary.slug,
            "callback": callback.pk,
            "fiche": fiche.pk,
            "boussole": site_pages["boussole"].pk,
            "moderated": moderated.pk,
            "task_state": moderated.current_workflow_task_state.pk,
            "join_request": join_request.pk,
        },
    }


def log_in(client, role, world):
    client.logout()
    if role == "pupil":
        pupil = Pupil.objects.create(workshop=world["workshop"], nickname="Lina")
        session = client.session
        session["dictionnaire_atelier"] = {"pupil": pupil.pk, "workshop": world["workshop"].pk}
        session.save()
    elif role != "anonymous":
        client.force_login(world["users"][role])


def footprint():
    """What a refused request must leave as it was."""
    return (
        Term.objects.count(),
        Term.objects.filter(live=True).count(),
        WordRequest.objects.filter(status=WordRequest.Status.OPEN).count(),
        sum(WordRequest.objects.values_list("count", flat=True)),
        Classroom.objects.count(),
        Workshop.objects.filter(closed=False).count(),
        ExperiencePage.objects.count(),
        ErrorReport.objects.count(),
    )


EMPTY_DRAFTAIL = '{"blocks": [], "entityMap": {}}'


def publish_data(term):
    """What Wagtail's edit form posts, with the revision it was opened on (an edit conflict is refused otherwise)."""
    fields = ["variants", "synonyms", "definition_synonyms", "usages", "danger", "cool", "image_alt"]
    loaded = term.latest_revision
    return {
        **dict.fromkeys(fields, ""),
        **(
            {"loaded_revision_id": str(loaded.pk), "loaded_revision_created_at": loaded.created_at.isoformat()}
            if loaded
            else {}
        ),
        "word": term.word,
        "slug": term.slug,
        "category": term.category,
        "short_definition": term.short_definition,
        "full_definition": EMPTY_DRAFTAIL,
        "action-publish": "action-publish",
        # the term's images (an inline formset): none
        **{f"images-{name}": "0" for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")},
        "images-MAX_NUM_FORMS": "3",
    }


def test_role_matrix(client, world, settings):
    settings.RATELIMIT_ENABLE = False
    ids = world["ids"]
    failures = []
    checked = 0
    for role in ROLES:
        log_in(client, role, world)
        for view, method, url, data, expected in MATRIX:  # noqa: B007 - named in failures
            if role not in expected:
                continue
            url = url.format(**ids)
            if data == "publish_term":
                data = publish_data(Term.objects.get(pk=ids["draft"]))
            elif data:
                data = {key: value.format(**ids) for key, value in data.items()}
            before = footprint() if method == "post" else None
            session_cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            with transaction.atomic():
                response = getattr(client, method)(url, data) if method == "post" else client.get(url)
                status = response.status_code
                after = footprint() if method == "post" else None
                published = (
                    view.startswith("admin:term_")
                    and Term.objects.filter(pk__in=[ids["draft"], ids["moderated"]], live=True).exists()
                )
                transaction.set_rollback(True)
            if session_cookie is not None:  # the request's session changes were rolled back with the rest
                client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie.value
            checked += 1
            location = response.get("Location", "")
            refused = status in (DENIED, 400, 405) or (
                status == LOGIN and ("login" in location or "connexion" in location)
            )
            if status != expected[role]:
                failures.append(f"{role:16} {method.upper():4} {url} ({view}): {status}, expected {expected[role]}")
            elif view in ("admin:term_publish", "admin:term_workflow_approve") and published != (
                role in ("moderator", "superuser")
            ):
                failures.append(f"{role:16} publish: the draft is {'live' if published else 'not live'}")
            elif refused and method == "post" and after != before:
                failures.append(f"{role:16} {method.upper():4} {url}: refused, yet it changed {before} → {after}")
    assert not failures, "\n" + "\n".join(failures)
    assert checked >= 300


def test_an_adult_never_reaches_another_structures_class(client, django_user_model):
    """Two structures, an adult in each: neither sees, opens, closes nor submits from the other's class."""
    lille, calais = School.objects.create(name="École Lille"), School.objects.create(name="École Calais")
    adults = {}
    for name, school in (("lille", lille), ("calais", calais)):
        adults[name] = django_user_model.objects.create_user(name, f"{name}@exemple.org", "x" * 14)
        adults[name].groups.add(Group.objects.get(name=ACCOMPAGNATEURS))
        Accompagnateur.attach(adults[name], school)
    theirs = Classroom.objects.create(pseudonym="CM2 Calais", level="CM2", structure=calais, adult=adults["calais"])
    client.force_login(adults["lille"])
    assert "CM2 Calais" not in client.get("/dictionnaire/classes/").text
    assert client.get(f"/dictionnaire/classes/{theirs.pk}/").status_code == 403
    assert client.post(f"/dictionnaire/classes/{theirs.pk}/ouvrir-atelier/").status_code == 403
    assert not Workshop.objects.exists()
    # nor by creating a class in the other structure
    client.post("/dictionnaire/classes/", {"pseudonym": "Intrus", "level": "CM2", "structure": calais.pk})
    assert not Classroom.objects.filter(structure=calais, adult=adults["lille"]).exists()


def test_a_structure_admin_cannot_invite_into_another_structure(client, django_user_model):
    from django.core import mail

    from portail.accounts.models import Invitation
    from portail.accounts.services import ensure_structure_managers

    mine, other = School.objects.create(name="Centre A"), School.objects.create(name="Centre B")
    admin = django_user_model.objects.create_user("dir-a", "dir-a@exemple.org", "x" * 14)
    admin.groups.add(ensure_structure_managers())
    mine.administrators.add(admin)
    client.force_login(admin)
    response = client.post("/admin/accompagnateurs/inviter/", {"email": "x@exemple.org", "structure": other.pk})
    assert response.status_code == 400
    assert not Invitation.objects.exists() and mail.outbox == []
    assert client.get("/admin/participations/").status_code == 302, "no territory coordinated: no request to see"
