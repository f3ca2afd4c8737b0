"""A term page view is counted in the shared cache and written to the database in batches, not on every read."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from dictionnaire.models import TermStatistic
from tests.performance.test_cache import REDIS_URL, publish_term, redis_is_up

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local memory", "redis"])
def term(request, sections):
    """The term, counted in the local-memory cache of the tests, then in the real Redis (one round trip a view)."""
    if request.param == "local memory":
        yield publish_term("Wi-Fi", "Internet sans fil dans la maison.")
        return
    if not redis_is_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 and CI=true")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    backend = {"BACKEND": "portail.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": backend}):
        from django.core.cache import caches

        assert type(caches["default"]).__name__ == "RedisCache"
        try:
            yield publish_term("Wi-Fi", "Internet sans fil dans la maison.")
        finally:
            client = caches["default"]._cache.get_client(None, write=True)
            keys = list(client.scan_iter(f"{prefix}:*"))
            if keys:
                client.delete(*keys)


def written(term):
    return TermStatistic.objects.filter(term=term).values_list("views", flat=True).first() or 0


def test_views_are_written_in_batches_and_none_is_lost(term, django_assert_num_queries):
    TermStatistic.count_view(term)  # the first view since the last write is written at once
    assert written(term) == 1

    with django_assert_num_queries(0):  # the next ones wait in the cache
        for _ in range(TermStatistic.VIEWS_WRITTEN_EVERY - 1):
            TermStatistic.count_view(term)
    assert written(term) == 1
    assert TermStatistic.views_of(term) == TermStatistic.VIEWS_WRITTEN_EVERY

    TermStatistic.count_view(term)  # a full batch is written in one update
    assert written(term) == TermStatistic.views_of(term) == TermStatistic.VIEWS_WRITTEN_EVERY + 1


def test_views_waiting_longer_than_the_interval_are_written_with_the_next_view(term):
    TermStatistic.count_view(term)
    TermStatistic.count_view(term)
    assert written(term) == 1

    cache.delete(f"term-views-written:{term.pk}")  # what the interval's end does
    TermStatistic.count_view(term)

    assert written(term) == 3


def test_without_the_cache_each_view_is_written(sections, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portail.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    term = publish_term("Wi-Fi", "Internet sans fil dans la maison.")
    TermStatistic.count_view(term)
    TermStatistic.count_view(term)

    assert written(term) == 2 == TermStatistic.views_of(term)
