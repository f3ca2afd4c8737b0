import pytest
from django.test import Client


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", "un-mot-de-passe-long")


@pytest.fixture
def admin_client_for():
    """A test client signed in as the given user (two-factor and lockout are off in test settings)."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
