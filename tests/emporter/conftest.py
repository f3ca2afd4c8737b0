import pytest

from dictionnaire.models import Term


@pytest.fixture
def dictionary(demo_data, db):
    """The demo site with its 70 published words (loaded once per module)."""
    return Term.objects.live()
