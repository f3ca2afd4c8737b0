"""The network's demo: two territories, five structures over them, their moderators, a pending request; and the
short block ``make run`` ends with."""

import pytest
from django.core.management import call_command

from dictionnaire.models import Structure
from portail.accounts.models import JoinRequest
from portail.models import Territory


@pytest.fixture
def noted_in(tmp_path, monkeypatch):
    monkeypatch.setattr("portail.demo_accounts._path", lambda: tmp_path / "demo-accounts.json")
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    return tmp_path


def test_the_demo_has_two_territories_five_structures_and_a_pending_request(demo_site):
    lille, littoral = (
        Territory.objects.get(name="Métropole lilloise"),
        Territory.objects.get(name="Littoral Pas-de-Calais"),
    )
    assert lille.covers("59599") and littoral.covers("62193") and not lille.covers("62193")
    assert Structure.objects.filter(territory=lille).count() == 3
    assert Structure.objects.filter(territory=littoral).count() == 2
    assert Structure.objects.filter(boussole_structure__isnull=False).count() >= 2
    request = JoinRequest.objects.get(status=JoinRequest.Status.PENDING)
    assert list(request.territories()) == [littoral]


def test_in_development_each_territory_has_its_moderator_beside_the_national_one(demo_site, settings, noted_in, capsys):
    settings.DEMO_CREATE_ADMIN = True
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [u.username for u in Territory.objects.get(name="Métropole lilloise").moderators.all()] == [
        "moderateur-lille"
    ]
    assert [u.username for u in Territory.objects.get(name="Littoral Pas-de-Calais").moderators.all()] == [
        "moderatrice-littoral"
    ]
    from django.contrib.auth import get_user_model

    national = get_user_model().objects.get(username="moderatrice-demo")
    assert not national.moderated_territories.exists()
    assert Structure.objects.get(name="École Saint-Mathieu").administrators.filter(username="enseignante-demo").exists()

    call_command("demo_accounts", "--address", "http://127.0.0.1:8000/")
    block = capsys.readouterr().out.strip().splitlines()
    assert "http://127.0.0.1:8000/" in block[1]
    lines = {line.split()[0]: line for line in block[3:-1]}
    assert list(lines)[0] == "admin"
    for username in ("admin", "moderatrice-demo", "moderateur-lille", "moderatrice-littoral", "enseignante-demo"):
        assert username in lines
    # the password printed is the account's
    user = get_user_model().objects.get(username="moderateur-lille")
    assert user.check_password(lines["moderateur-lille"].split()[1])
    assert len(block) < 20
