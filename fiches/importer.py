"""Loads the booklet's fiches as pages under the index page: idempotent and all-or-nothing.

A fiche already imported is updated only when the file changed, and never over an editor's later save
unless ``force`` is set. ``import_booklet`` returns what it did, fiche by fiche.
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.search import index as search_index
from wagtail.signal_handlers import disable_reference_index_auto_update

from fiches import booklet
from fiches.models import BookletImport, ExperienceOrganisation, ExperiencePage

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"


@dataclass
class ImportReport:
    actions: dict = field(default_factory=lambda: {CREATED: [], UPDATED: [], UNCHANGED: [], SKIPPED: []})
    pages: dict = field(default_factory=dict)

    def add(self, action, fiche, page):
        self.actions[action].append(fiche)
        self.pages[fiche.number] = page

    def count(self, action):
        return len(self.actions[action])


def checksum(record):
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def dictionary_page():
    """The dictionary's page, which the insert « Quand les enfants deviennent profs » leads to."""
    try:
        from dictionnaire.models import DictionaryIndexPage
    except ImportError:  # pragma: no cover - the dictionary is part of the site
        return None
    return DictionaryIndexPage.objects.live().first()


def fill_page(page, record, insert_page):
    """Set the page's fields from one record of the file."""
    contact = booklet.split_contact(record["contact"])
    page.title = record["titre"]
    page.structure = record["structure"]
    page.commune = record["commune"] or ""
    page.departement = record["departement_code"]
    page.booklet_number = record["numero"]
    page.partners = booklet.partners_from_sections(record["sections"])
    page.body = booklet.body_from_sections(record["sections"], insert_page=insert_page)
    page.contact_website = contact["website"]
    page.contact_emails = contact["emails"]
    page.contact_phones = contact["phones"]
    page.contact_persons = contact["persons"]
    page.source = booklet.SOURCE
    page.themes.set(record["themes"], clear=True)
    page.publics.set(record["publics"], clear=True)
    page.organisations = [
        ExperienceOrganisation(name=o["organisation"], address=o["address"]) for o in contact["organisations"]
    ]


def _unique_slug(index, title, number):
    base = slugify(title)[:70] or f"fiche-{number}"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@contextmanager
def indexes_updated_once(pages):
    """Update the search and reference indexes of ``pages`` once at the end, not at each of the three saves
    that creating and publishing a page makes: the import takes a third of the time."""
    post_save.disconnect(post_save_signal_handler, sender=ExperiencePage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=ExperiencePage)
    for page in pages:
        search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


@transaction.atomic
def import_booklet(index, fiches, force=False, user=None):
    """Create or update one page per fiche under ``index``; the whole import or nothing."""
    report = ImportReport()
    written = []
    with indexes_updated_once(written):
        _import(index, fiches, force, user, report, written)
    return report


def _import(index, fiches, force, user, report, written):
    """The body of ``import_booklet``: ``report`` says what was done, ``written`` collects the pages saved."""
    insert_page = dictionary_page()
    records = {item.number: item for item in BookletImport.objects.select_related("page")}
    for fiche in fiches:
        digest = checksum(fiche.record)
        done = records.get(fiche.number)
        if done is None:
            page = ExperiencePage(locale=index.locale, slug=_unique_slug(index, fiche.title, fiche.number))
            fill_page(page, fiche.record, insert_page)
            index.add_child(instance=page)
            action = CREATED
        else:
            page = done.page.specific
            if done.edited_since and not force:
                report.add(SKIPPED, fiche, page)
                continue
            if done.checksum == digest and not done.edited_since:
                report.add(UNCHANGED, fiche, page)
                continue
            fill_page(page, fiche.record, insert_page)
            action = UPDATED
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user)
        BookletImport.objects.update_or_create(
            number=fiche.number, defaults={"page": page, "checksum": digest, "revision": revision}
        )
        report.add(action, fiche, page)
        written.append(page)
