"""No lost edits: two editors open the same object; the first one saves; the second save is refused (409) with
both texts shown, and the first edit stays. Terms and structures (snippets) and fiches (pages)."""

import html
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from boussole.models import Structure
from dictionnaire.models import Category, Term
from dictionnaire.roles import MODERATORS
from fiches.models import ExperiencePage


class FormFields(HTMLParser):
    """The values a browser would submit from the page's edit form (inputs, textareas, selects)."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select, self._in_form = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and "data-edit-form" in attrs:
            self._in_form = True
        if not self._in_form or not attrs.get("name"):
            if tag == "option" and self._select and "selected" in attrs:
                self.fields.setdefault(self._select, []).append(attrs.get("value", ""))
            return
        name = attrs["name"]
        if tag == "input" and attrs.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.fields[name] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.fields[name] = attrs.get("value", "on")
        elif tag == "textarea":
            self._textarea, self.fields[name] = name, ""
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def edit_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    return parser.fields


def text(response):
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def term(db):
    term = Term(word="Wi-Fi", category=Category.INTERNET, short_definition="Internet sans fil.", live=False)
    term.save()
    term.save_revision().publish()
    return Term.objects.get(pk=term.pk)


@pytest.fixture
def structure(db):
    return Structure.objects.create(
        source="test",
        source_id="s1",
        nom="Centre social",
        date_maj=date.today(),
        code_insee="59350",
        commune="Lille",
        code_postal="59000",
        live=True,
    )


@pytest.fixture
def fiche(db):
    from fiches.models import ExperienceIndexPage
    from portail.demo import ensure_child_page, ensure_home_page

    home, _created = ensure_home_page()
    index, _created = ensure_child_page(home, ExperienceIndexPage, "fiches", title="Fiches", introduction="Fiches.")
    page, _created = ensure_child_page(
        index, ExperiencePage, "atelier", title="Atelier", structure="Centre social", departement="59", body=[]
    )
    return page


@pytest.fixture
def editors(db, django_user_model):
    group = Group.objects.get(name=MODERATORS)
    clients = []
    for name in ("alice", "bruno"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.org", "un-mot-de-passe-long")
        user.groups.add(group)
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def refused_second_save(editors, url, field, first_text, second_text, save_first=None):
    alice, bruno = editors
    alice_form, bruno_form = edit_form(alice, url), edit_form(bruno, url)

    if save_first is None:
        alice_form[field] = first_text
        saved = alice.post(url, alice_form)
        assert saved.status_code == 302, re.findall(r"error-message[^>]*>\s*([^<]+)", saved.content.decode())
    else:
        save_first()
    bruno_form[field] = second_text
    refused = bruno.post(url, bruno_form)

    assert refused.status_code == 409
    page = text(refused)
    assert "Enregistrement refusé" in page and "alice" in page
    assert second_text in page, "the refused text is shown so that nothing typed is lost"
    assert first_text in page, "next to the version that was saved"
    return refused


def test_two_moderators_edit_the_same_term(editors, term):
    url = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])

    refused_second_save(editors, url, "short_definition", "Version d'Alice.", "Version de Bruno.")

    latest = Term.objects.get(pk=term.pk).get_latest_revision_as_object()
    assert latest.short_definition == "Version d'Alice."
    assert Term.objects.get(pk=term.pk).latest_revision.user.username == "alice"


def test_two_editors_edit_the_same_structure(editors, structure):
    assert structure.latest_revision is None, "an imported structure: opened before it has any revision"
    url = reverse(structure.snippet_viewset.get_url_name("edit"), args=[structure.pk])

    refused_second_save(editors, url, "description", "Description d'Alice.", "Description de Bruno.")

    assert Structure.objects.get(pk=structure.pk).get_latest_revision_as_object().description == "Description d'Alice."


def test_two_editors_edit_the_same_fiche(editors, fiche, django_user_model):
    url = reverse("wagtailadmin_pages:edit", args=[fiche.pk])

    def alice_saves():  # the page body is a StreamField built by the editor's JavaScript: saved as a revision
        page = fiche.get_latest_revision_as_object()
        page.title = "Titre d'Alice"
        page.save_revision(user=django_user_model.objects.get(username="alice"))

    refused_second_save(editors, url, "title", "Titre d'Alice", "Titre de Bruno", save_first=alice_saves)

    assert ExperiencePage.objects.get(pk=fiche.pk).get_latest_revision_as_object().title == "Titre d'Alice"


def test_the_same_person_in_two_tabs_is_refused_too(editors, term):
    alice, _bruno = editors
    url = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])
    first_tab, second_tab = edit_form(alice, url), edit_form(alice, url)
    first_tab["short_definition"] = "Premier onglet."
    assert alice.post(url, first_tab).status_code == 302

    second_tab["short_definition"] = "Second onglet, ouvert avant l'enregistrement du premier."
    refused = alice.post(url, second_tab)

    assert refused.status_code == 409
    page = text(refused)
    assert "dans un autre onglet" in page
    assert "Second onglet, ouvert avant" in page and "Premier onglet." in page
    assert Term.objects.get(pk=term.pk).get_latest_revision_as_object().short_definition == "Premier onglet."


def test_saving_again_from_the_reloaded_editor_is_not_a_conflict(editors, term):
    alice, _bruno = editors
    url = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])
    form = edit_form(alice, url)
    form["short_definition"] = "Premier essai."
    assert alice.post(url, form).status_code == 302

    form = edit_form(alice, url)  # Wagtail reloads the editor after a save: it now holds the new revision
    form["short_definition"] = "Deuxième essai."
    assert alice.post(url, form).status_code == 302
    assert Term.objects.get(pk=term.pk).get_latest_revision_as_object().short_definition == "Deuxième essai."


def test_the_full_definition_is_compared_as_text_on_both_sides(editors, term, django_user_model):
    alice, bruno = editors
    url = reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk])
    bruno_form = edit_form(bruno, url)
    saved = term.get_latest_revision_as_object()
    saved.full_definition = "<p>Le <b>Wi-Fi</b> relie sans câble.</p><ul><li>à la maison</li></ul>"
    saved.save_revision(user=django_user_model.objects.get(username="alice"))

    bruno_form["full_definition"] = json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "text": "Le Wi-Fi passe par les ondes.",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
    refused = bruno.post(url, bruno_form)

    assert refused.status_code == 409
    cells = re.findall(r"<td>(.*?)</td>", refused.content.decode(), re.DOTALL)
    assert "Le Wi-Fi passe par les ondes." in cells
    assert "Le Wi-Fi relie sans câble.<br>à la maison" in cells, cells
    assert not any("&lt;" in cell or "<p>" in cell or '"blocks"' in cell for cell in cells), "no raw HTML nor JSON"
