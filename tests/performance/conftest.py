"""Fast builders for the query-budget tests: many rows at once (bulk_create), never the whole demo data."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from boussole.models import Event, GlossaryEntry, OrientationChoice, OrientationQuestion, Resource, Service, Structure
from dictionnaire.models import Category, Term, WordRequest

#: The page must not grow between these two list sizes.
FEW, MANY = 10, 200
#: The issue's budget for every public page.
BUDGET = 12


@pytest.fixture
def sections(db):
    """The home page and the three section pages in the menus, as ``load_demo_data`` makes them (without their
    content)."""
    from boussole.models import BoussoleIndexPage
    from dictionnaire.models import DictionaryIndexPage
    from fiches.models import ExperienceIndexPage
    from portail.demo import ensure_child_page, ensure_home_page

    home, _created = ensure_home_page()
    pages = {"home": home}
    for key, model, slug in (
        ("dictionnaire", DictionaryIndexPage, "dictionnaire"),
        ("fiches", ExperienceIndexPage, "fiches"),
        ("boussole", BoussoleIndexPage, "boussole"),
    ):
        pages[key], _created = ensure_child_page(
            home, model, slug, title=slug.title(), introduction="Une section.", show_in_menus=True
        )
    return pages


def make_terms(start, stop, **fields):
    """Published terms ``mot-START`` … ``mot-STOP-1``, in one query."""
    now = timezone.now()
    categories = Category.values
    terms = [
        Term(
            word=f"Mot {number:04d}",
            slug=f"mot-{number:04d}",
            category=categories[number % len(categories)],
            short_definition=f"La définition simple du mot numéro {number}.",
            full_definition=f"<p>Pour mieux comprendre le mot {number}.</p>",
            usages="J'ai reçu un mot.\nIl m'a envoyé un mot.",
            danger="Attention.",
            cool="C'est pratique.",
            live=True,
            first_published_at=now,
            last_published_at=now - timedelta(minutes=number),
            **fields,
        )
        for number in range(start, stop)
    ]
    return Term.objects.bulk_create(terms)


def make_requests(start, stop):
    return WordRequest.objects.bulk_create(
        WordRequest(word=f"Demande {number}", key=f"demande-{number}", count=number % 7 + 1)
        for number in range(start, stop)
    )


def make_structures(start, stop, services_each=1):
    """Public structures in Lille with ``services_each`` public services each (two queries)."""
    today = date.today()
    structures = Structure.objects.bulk_create(
        Structure(
            source="perf",
            source_id=f"s{number}",
            nom=f"Centre social {number:04d}",
            slug=f"centre-social-{number:04d}",
            description="Accueil des familles.",
            date_maj=today,
            code_insee="59350",
            commune="Lille",
            code_postal="59000",
            departement="59",
            latitude=50.63 + number / 10_000,
            longitude=3.06,
            horaires_accueil="Mo-Fr 09:00-12:00,14:00-18:00; PH off",
            live=True,
        )
        for number in range(start, stop)
    )
    make_services(structures, services_each)
    return structures


def make_services(structures, count, start=0):
    today = date.today()
    return Service.objects.bulk_create(
        Service(
            structure=structure,
            source="perf",
            source_id=f"svc-{structure.source_id}-{number}",
            nom=f"Service {number:04d}",
            description="Un service pour les familles.",
            date_maj=today,
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
            publics=["familles"],
            horaires_accueil="Mo-Fr 09:00-12:00",
            live=True,
        )
        for structure in structures
        for number in range(start, start + count)
    )


def make_events(start, stop, structure=None):
    begin = timezone.now() + timedelta(days=1)
    return Event.objects.bulk_create(
        Event(
            title=f"Atelier {number:04d}",
            slug=f"atelier-{number:04d}",
            description="Un atelier pour les parents.",
            start=begin + timedelta(hours=number),
            structure=structure,
            code_insee="59350",
            commune="Lille",
            departement="59",
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
            publics=["familles"],
            live=True,
        )
        for number in range(start, stop)
    )


def make_resources(start, stop):
    return Resource.objects.bulk_create(
        Resource(
            title=f"Ressource {number:04d}",
            description="Un guide.",
            url=f"https://example.org/{number}",
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
            publics=["familles"],
            live=True,
        )
        for number in range(start, stop)
    )


def make_glossary(start, stop):
    return GlossaryEntry.objects.bulk_create(
        GlossaryEntry(
            term=f"Sigle {number:04d}",
            slug=f"sigle-{number:04d}",
            short_definition="Un sigle des familles.",
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
            live=True,
        )
        for number in range(start, stop)
    )


def make_questions(start, stop, choices_each=3):
    questions = OrientationQuestion.objects.bulk_create(
        OrientationQuestion(sort_order=number, question=f"Question {number} ?", kind="choices")
        for number in range(start, stop)
    )
    OrientationChoice.objects.bulk_create(
        OrientationChoice(
            question=question,
            sort_order=number,
            label=f"Réponse {number}",
            thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
            publics=["familles"],
        )
        for question in questions
        for number in range(choices_each)
    )
    return questions


def make_fiches(index, start, stop):
    """Published fiches under the index, in a few queries.

    Pages are a tree (treebeard paths) with multi-table inheritance, so Django's ``bulk_create`` cannot make
    them: the ``wagtailcore_page`` rows are bulk-created with their paths, then each fiche's own row is inserted
    alone (``raw``), then the tags and the search index are filled in bulk.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from fiches.models import (
        ExperiencePage,
        ExperiencePublic,
        ExperiencePublicItem,
        ExperienceTheme,
        ExperienceThemeItem,
    )

    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(ExperiencePage)
    now = timezone.now()
    rows = []
    for step, number in enumerate(range(start, stop), start=index.numchild + 1):
        slug = f"fiche-{number:04d}"
        rows.append(
            Page(
                title=f"Fiche {number:04d}",
                draft_title=f"Fiche {number:04d}",
                slug=slug,
                path=index._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    pages = []
    for row in Page.objects.bulk_create(rows):
        page = ExperiencePage(
            page_ptr_id=row.pk,
            structure=f"Centre social {row.slug}",
            commune="Lille",
            departement="59",
            body=[("section", {"kind": "other", "heading": "Ce que nous avons fait", "text": f"Atelier {row.slug}."})],
        )
        page.save_base(raw=True, force_insert=True)
    pages = list(ExperiencePage.objects.filter(pk__in=[row.pk for row in rows]).order_by("path"))
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    theme, _created = ExperienceTheme.objects.get_or_create(slug="tablette", defaults={"name": "tablette"})
    public, _created = ExperiencePublic.objects.get_or_create(slug="seniors", defaults={"name": "seniors"})
    ExperienceThemeItem.objects.bulk_create(ExperienceThemeItem(tag=theme, content_object=page) for page in pages)
    ExperiencePublicItem.objects.bulk_create(ExperiencePublicItem(tag=public, content_object=page) for page in pages)
    get_search_backend().add_bulk(ExperiencePage, pages)
    return pages
