"""A term page view is counted in the shared cache and written to the database in batches, not on every read."""

import pytest
from django.core.cache import cache

from dictionnaire.models import TermStatistic
from tests.performance.test_cache import publish_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(sections):
    return publish_term("Wi-Fi", "Internet sans fil dans la maison.")


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


def test_without_the_cache_each_view_is_written(term, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", unreachable)
    monkeypatch.setattr(cache, "get", unreachable)
    TermStatistic.count_view(term)
    TermStatistic.count_view(term)

    assert written(term) == 2 == TermStatistic.views_of(term)
