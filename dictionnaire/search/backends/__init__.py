"""The search engines behind one interface; ``get_backend()`` picks the one the settings ask for.

``DICTIONNAIRE_SEARCH_BACKEND`` is ``"auto"`` (Elasticsearch when ``ELASTICSEARCH_URL`` is set, PostgreSQL when
the database is PostgreSQL, the embedded engine otherwise) or a dotted path to a backend class.
"""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from .base import SearchBackend, SearchResponse, SearchResult

__all__ = ["SearchBackend", "SearchResponse", "SearchResult", "get_backend", "backend_path"]

EMBEDDED = "dictionnaire.search.backends.embedded.EmbeddedBackend"
POSTGRES = "dictionnaire.search.backends.postgres.PostgresBackend"
ELASTICSEARCH = "dictionnaire.search.backends.elasticsearch.ElasticsearchBackend"

_instances = {}


def backend_path():
    chosen = getattr(settings, "DICTIONNAIRE_SEARCH_BACKEND", "auto") or "auto"
    if chosen != "auto":
        return chosen
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return ELASTICSEARCH
    if connection.vendor == "postgresql":
        return POSTGRES
    return EMBEDDED


def get_backend(path=None):
    path = path or backend_path()
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]
