"""Keep the index in step with the dictionary: a term enters it when published and leaves it when unpublished."""

import logging

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete
from django.utils import translation
from wagtail.signals import page_published, page_slug_changed, page_unpublished, published, unpublished

logger = logging.getLogger(__name__)


def is_term(instance):
    return hasattr(instance, "search_document") and instance._meta.label_lower == "dictionnaire.term"


def search_document(instance):
    """The term's document with its address in the site's default language, whatever language is active."""
    with translation.override(settings.LANGUAGE_CODE):
        return instance.search_document()


def index_term(instance):
    from .backends import get_backend

    get_backend().index(search_document(instance))


def unindex_slug(slug):
    from .backends import get_backend

    get_backend().remove(slug)


def live_terms():
    """The published terms, for a rebuild of the index."""
    try:
        term_model = apps.get_model("dictionnaire", "Term")
    except LookupError:
        return []
    return term_model.objects.filter(live=True).order_by("pk")


def on_published(sender, instance, **kwargs):
    if is_term(instance):
        index_term(instance)


def on_unpublished(sender, instance, **kwargs):
    if is_term(instance):
        unindex_slug(instance.slug)


def on_slug_changed(sender, instance, instance_before, **kwargs):
    if is_term(instance) and instance_before.slug != instance.slug:
        unindex_slug(instance_before.slug)
        if instance.live:
            index_term(instance)


def on_deleted(sender, instance, **kwargs):
    if is_term(instance):
        unindex_slug(instance.slug)


for signal in (published, page_published):
    signal.connect(on_published, dispatch_uid=f"dictionary-search-index-{id(signal)}")
for signal in (unpublished, page_unpublished):
    signal.connect(on_unpublished, dispatch_uid=f"dictionary-search-unindex-{id(signal)}")
page_slug_changed.connect(on_slug_changed, dispatch_uid="dictionary-search-slug-changed")
post_delete.connect(on_deleted, dispatch_uid="dictionary-search-deleted")
