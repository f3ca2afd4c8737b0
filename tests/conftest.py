import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The site as ``load_demo_data`` leaves it: home page and the three section pages."""
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from portail.models import HomePage

    return HomePage.objects.get()
