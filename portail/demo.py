"""Building blocks of the demo data: find-or-create pages so that loading twice changes nothing."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portail.models import ContactSettings, HomePage

WAGTAIL_PLACEHOLDER_TITLE = "Welcome to your new Wagtail site!"

HOME_TITLE = "Bienvenue"
HOME_INTRODUCTION = (
    "Ce site aide les grands-parents, les parents et les enfants à mieux vivre avec le numérique. "
    "Ici, les enfants expliquent les mots de l'informatique avec des mots simples. "
    "Les centres sociaux racontent ce qui marche. Et les parents trouvent qui peut les aider, près de chez eux."
)


def publish(page):
    """Publish the page's current state as a revision, as an editor would."""
    page.save_revision().publish()
    return page


def ensure_child_page(parent, page_class, slug, **fields):
    """The live child of ``parent`` with this slug, created and published with ``fields`` if missing.

    Returns ``(page, created)``. An existing page is left as editors made it.
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = page_class(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page), True


@transaction.atomic
def ensure_home_page():
    """The home page, in place of Wagtail's placeholder, as the default site's root. Returns ``(page, created)``."""
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    home = HomePage.objects.filter(locale=locale).first()
    created = home is None
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if created:
        for placeholder in root.get_children().filter(title=WAGTAIL_PLACEHOLDER_TITLE, numchild=0):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home, _ = ensure_child_page(root, HomePage, "accueil", title=HOME_TITLE, introduction=HOME_INTRODUCTION)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Portail de l'inclusion numérique",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    ContactSettings.for_site(site)  # created with the default contact address
    return home, created
