"""Figures for a period, from a known history over several months, against hand-computed expectations."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import TaskState

from dictionnaire.models import Classroom, RequestSubmission, Structure, Term, TermStatistic, WordRequest
from pilotage import figures
from pilotage.models import DailyCount
from pilotage.period import preset_dates

from .conftest import make_term, submit_for_moderation


def paris(*args):
    return timezone.make_aware(datetime(*args))


def dated_term(word, classroom, created, published=None):
    term = make_term(word, classroom=classroom, publish=False)
    Term.objects.filter(pk=term.pk).update(created_at=created, first_published_at=published, live=bool(published))
    return Term.objects.get(pk=term.pk)


def dated_request(word, *asked, claimed_by=None, claimed_at=None, term=None):
    word_request = WordRequest.ask(word).request
    for _moment in asked[1:]:
        WordRequest.ask(word)
    submissions = list(RequestSubmission.objects.filter(request=word_request).order_by("pk"))
    for submission, moment in zip(submissions, asked, strict=True):
        RequestSubmission.objects.filter(pk=submission.pk).update(created_at=moment)
    WordRequest.objects.filter(pk=word_request.pk).update(
        created_at=asked[0], claimed_by=claimed_by, claimed_at=claimed_at, term=term
    )
    return word_request


@pytest.fixture
def history(teacher, structure):
    """January to April 2026 in two structures (the expectations are computed by hand in the tests)."""
    centre_a = structure
    centre_b = Structure.objects.create(name="Centre social Bellevue", city="Roubaix")
    class_a = Classroom.objects.create(pseudonym="CM2 A", level="CM2", structure=centre_a, adult=teacher)
    class_b = Classroom.objects.create(pseudonym="CM1 B", level="CM1", structure=centre_b, adult=teacher)

    wifi = dated_term("Wi-Fi", class_a, paris(2026, 1, 10, 10), published=paris(2026, 1, 20, 10))
    cookie = dated_term("Cookie", class_a, paris(2026, 2, 5, 10), published=paris(2026, 2, 15, 10))
    cloud = dated_term("Cloud", class_b, paris(2026, 2, 20, 10))
    spam = dated_term("Spam", class_b, paris(2026, 3, 1, 10))
    dated_term("Podcast", None, paris(2026, 4, 10, 10), published=paris(2026, 4, 12, 10))  # after the period

    dated_request("wi-fi", paris(2026, 1, 2, 10), paris(2026, 1, 15, 9), claimed_by=class_a,
                  claimed_at=paris(2026, 1, 5, 10), term=wifi)  # fmt: skip
    dated_request("cookie", paris(2026, 2, 1, 10), claimed_by=class_a, claimed_at=paris(2026, 2, 3, 10), term=cookie)
    dated_request("cloud", paris(2026, 2, 10, 10), claimed_by=class_b, claimed_at=paris(2026, 2, 21, 10))
    dated_request("spam", paris(2026, 3, 31, 23, 30))  # late in the evening, Paris time: still in March
    dated_request("podcast", paris(2026, 4, 2, 10))

    for term, started, finished, status in (
        (cloud, paris(2026, 2, 22, 10), paris(2026, 2, 25, 10), TaskState.STATUS_REJECTED),
        (spam, paris(2026, 3, 10, 10), paris(2026, 3, 20, 10), TaskState.STATUS_APPROVED),
    ):
        workflow_state = submit_for_moderation(term, teacher)
        TaskState.objects.filter(workflow_state=workflow_state).update(
            started_at=started, finished_at=finished, status=status
        )

    figures.add("term_views", 5, structure_id=centre_a.pk, day=date(2026, 1, 15))
    figures.add("term_views", 7, day=date(2026, 2, 1))
    figures.add("term_views", 3, structure_id=centre_b.pk, day=date(2026, 3, 15))
    figures.add("term_views", 100, structure_id=centre_a.pk, day=date(2026, 4, 1))
    figures.add("searches", 10, day=date(2026, 1, 10))
    figures.add("searches_unanswered", 4, day=date(2026, 1, 10))
    figures.add("searches", 6, day=date(2026, 3, 1))
    figures.record_days(paris(2026, 5, 1, 1))
    return centre_a, centre_b


EXPECTED = {
    # metric: (whole site, Centre social des Tests, Centre social Bellevue)
    "requests_received": (5, None, None),
    "requests_claimed": (3, 2, 1),
    "requests_answered": (2, 2, 0),
    "definitions_written": (4, 2, 2),
    "definitions_submitted": (2, 0, 2),
    "definitions_published": (2, 2, 0),
    "term_views": (15, 5, 3),
    "searches": (16, None, None),
    "searches_unanswered": (4, None, None),
}


def test_figures_of_a_quarter_match_the_hand_count(history):
    result = figures.figures_for(date(2026, 1, 1), date(2026, 3, 31))
    rows = {row["structure"].name: row for row in result["structures"]}
    for metric, (site, centre_a, centre_b) in EXPECTED.items():
        assert result["site"]["figures"][metric] == site, metric
        assert rows["Centre social des Tests"]["figures"][metric] == centre_a, metric
        assert rows["Centre social Bellevue"]["figures"][metric] == centre_b, metric
    # Request → publication: 18 and 14 days; submission → decision: 3 and 10 days (90th percentile interpolated).
    assert result["site"]["request_to_publication"] == pytest.approx((16.0, 17.6))
    assert result["site"]["submission_to_decision"] == pytest.approx((6.5, 9.3))
    assert rows["Centre social Bellevue"]["submission_to_decision"] == pytest.approx((6.5, 9.3))
    assert rows["Centre social des Tests"]["submission_to_decision"] == (None, None)
    assert result["series"]["requests_received"] == {
        date(2026, 1, 2): 1,
        date(2026, 1, 15): 1,
        date(2026, 2, 1): 1,
        date(2026, 2, 10): 1,
        date(2026, 3, 31): 1,
    }


def test_april_alone(history):
    result = figures.figures_for(date(2026, 4, 1), date(2026, 4, 30))
    assert result["site"]["figures"]["definitions_published"] == 1
    assert result["site"]["figures"]["requests_received"] == 1
    assert result["site"]["figures"]["term_views"] == 100


def test_recording_the_days_again_changes_nothing(history):
    def stored():
        return sorted(DailyCount.objects.values_list("day", "metric", "structure", "value"), key=str)

    before = stored()
    figures.record_days(paris(2026, 5, 1, 2))
    figures.record_days(paris(2026, 5, 1, 2), start=date(2026, 1, 1))
    assert stored() == before


def test_csv_opens_in_a_french_spreadsheet_and_holds_the_same_figures(client, history, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "un-mot-de-passe-long")
    client.force_login(admin)
    response = client.get("/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, site, *structures = rows
    assert header[:3] == ["Du", "Au", "Structure"] and "Demandes reçues" in header
    assert site[:3] == ["2026-01-01", "2026-03-31", "Tout le site"]
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in [site, *structures]}
    assert by_name["Tout le site"]["Demandes reçues"] == "5"
    assert by_name["Tout le site"]["Lectures de mots"] == "15"
    assert by_name["Centre social Bellevue"]["Définitions envoyées en relecture"] == "2"
    assert by_name["Centre social des Tests"]["Demandes reçues"] == ""
    assert by_name["Tout le site"]["Délai demande → publication — médiane (jours)"] == "16,0"
    assert by_name["Tout le site"]["Délai envoi en relecture → décision — 90e centile (jours)"] == "9,3"


def test_the_page_shows_tables_charts_and_their_figures_in_text(client, history, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "un-mot-de-passe-long")
    client.force_login(admin)
    page = client.get("/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31").content.decode()
    assert "Du 1 janvier 2026 au 31 mars 2026" in page
    assert page.count("<svg") >= len(EXPECTED) and 'role="img" aria-label="Lectures de mots"' in page
    assert "<title>janvier 2026 : 5</title>" in page  # term views in January, in the chart and its table
    assert "médiane 16.0 j" in page or "médiane 16,0 j" in page
    assert "?periode=annee-scolaire" in page


def test_bad_dates_never_fail(client, db, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "un-mot-de-passe-long")
    client.force_login(admin)
    for query in ("du=demain", "du=2026-05-01&au=2026-01-01", "du=1900-01-01&au=2026-01-01", "periode=jamais"):
        response = client.get(f"/admin/dictionnaire/chiffres/?{query}")
        assert response.status_code == 200, query
    assert (
        "La date de fin doit être après"
        in client.get("/admin/dictionnaire/chiffres/?du=2026-05-01&au=2026-01-01").content.decode()
    )


def test_presets():
    today = date(2026, 2, 10)
    assert preset_dates("mois", today) == (date(2026, 2, 1), today)
    assert preset_dates("12-mois", today) == (date(2025, 3, 1), today)
    assert preset_dates("annee-scolaire", today) == (date(2025, 9, 1), date(2026, 8, 31))
    assert preset_dates("annee-scolaire", date(2026, 9, 1)) == (date(2026, 9, 1), date(2027, 8, 31))


def test_the_number_of_queries_does_not_grow_with_the_structures(client, history, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "un-mot-de-passe-long")
    client.force_login(admin)
    url = "/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Structure.objects.bulk_create(Structure(name=f"Centre {n}", city="Lille") for n in range(30))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_views_and_searches_are_counted_by_day(client, published_term_of_structure):
    term, structure = published_term_of_structure
    TermStatistic._add_views(term.pk, 3)
    today = timezone.localdate()
    counts = dict(DailyCount.objects.filter(day=today, metric="term_views").values_list("structure", "value"))
    assert counts == {None: 3, structure.pk: 3}
    client.get("/dictionnaire/recherche/?q=zzqxw")
    client.get("/dictionnaire/recherche/?q=zzqxw")  # a kept copy of the page: counted too
    searches = dict(DailyCount.objects.filter(day=today).values_list("metric", "value"))
    assert searches["searches"] == 2 and searches["searches_unanswered"] == 2


@pytest.fixture
def published_term_of_structure(classroom, structure):
    return make_term("Navigateur", classroom=classroom), structure


@pytest.fixture
def territories(history):
    from portail.models import Territory

    centre_a, centre_b = history
    roubaix = Territory.objects.create(name="Roubaix-Tourcoing", departements="59")
    Territory.objects.create(name="Littoral", communes="62160")
    Structure.objects.filter(pk=centre_b.pk).update(territory=roubaix)
    return roubaix


def test_the_figures_of_a_territory_sum_its_structures(territories):
    result = figures.figures_for(date(2026, 1, 1), date(2026, 3, 31), territories.pk)
    assert [row["structure"].name for row in result["structures"]] == ["Centre social Bellevue"]
    for metric, (_site, _centre_a, centre_b) in EXPECTED.items():
        assert result["site"]["figures"][metric] == centre_b, metric
    assert result["site"]["submission_to_decision"] == pytest.approx((6.5, 9.3))
    assert result["site"]["request_to_publication"] == (None, None)  # both answered requests were Centre A's
    assert sum(result["series"]["term_views"].values()) == 3


def test_a_national_moderator_chooses_a_territory_on_the_page_and_in_the_csv(client, territories, moderator):
    client.force_login(moderator)
    url = "/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31"
    page = client.get(url).content.decode()
    assert '<option value="">Tout le réseau</option>' in page and "Roubaix-Tourcoing" in page
    assert "Centre social des Tests" in page  # the whole network by default

    page = client.get(f"{url}&territoire={territories.pk}").content.decode()
    assert "Territoire : Roubaix-Tourcoing" in page
    assert "Centre social Bellevue" in page and "Centre social des Tests" not in page
    assert f"territoire={territories.pk}&amp;format=csv" in page

    response = client.get(f"{url}&territoire={territories.pk}&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    by_name = {row[2]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_name) == {"Roubaix-Tourcoing", "Centre social Bellevue"}
    assert by_name["Roubaix-Tourcoing"]["Définitions envoyées en relecture"] == "2"
    assert by_name["Roubaix-Tourcoing"]["Demandes reçues"] == ""  # counted for the whole site only
    for bad in ("abc", "999999", ""):
        assert "Centre social des Tests" in client.get(f"{url}&territoire={bad}").content.decode(), bad


def test_a_territorial_moderator_sees_and_chooses_only_their_territories(client, territories, moderator):
    from portail.models import Territory

    territories.moderators.add(moderator)
    client.force_login(moderator)
    url = "/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31"
    page = client.get(url).content.decode()
    assert "Tout le réseau" not in page and "Littoral" not in page
    assert "Territoire : Roubaix-Tourcoing" in page and "Centre social des Tests" not in page

    other = Territory.objects.get(name="Littoral")
    page = client.get(f"{url}&territoire={other.pk}").content.decode()
    assert "Territoire : Roubaix-Tourcoing" in page and "Centre social des Tests" not in page
    csv_text = client.get(f"{url}&territoire={other.pk}&format=csv").content.decode("utf-8-sig")
    assert "Centre social des Tests" not in csv_text and "Tout le site" not in csv_text
    assert "Roubaix-Tourcoing" in csv_text


def test_the_number_of_queries_of_a_territory_does_not_grow_with_its_structures(client, territories, moderator):
    client.force_login(moderator)
    url = f"/admin/dictionnaire/chiffres/?du=2026-01-01&au=2026-03-31&territoire={territories.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Structure.objects.bulk_create(Structure(name=f"Centre {n}", city="Lille", territory=territories) for n in range(30))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
