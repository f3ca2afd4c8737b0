"""The Wagtail admin keeps working under the Content Security Policy, in the real browser: no violation reported
on the dashboard, a snippet editor, the pages list and the image upload, and the public 404 page has none under the
strict policy."""

import pytest
from django.urls import reverse

# django_db (not transactional): the shared demo site is never flushed between tests (see conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long"


@pytest.fixture(scope="module")
def admin_site(served_demo_site, django_db_blocker):
    """The shared demo site with a superuser of this test's own (committed, for the server's threads)."""
    from django.contrib.auth import get_user_model

    from dictionnaire.models import Term

    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("chef-csp", "chef@example.org", PASSWORD)
        term_pk = Term.objects.filter(live=True).order_by("pk").values_list("pk", flat=True).first()
    return served_demo_site, term_pk


def test_the_admin_and_public_pages_run_without_any_csp_violation(admin_site, page):
    site, term_pk = admin_site
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.on("pageerror", lambda error: violations.append(str(error)))

    page.goto(site.url + "/page-qui-n-existe-pas/")
    page.goto(site.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "chef-csp")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/admin/")
    for address in (
        reverse("wagtailsnippets_dictionnaire_term:edit", args=[term_pk]),
        "/admin/pages/",
        reverse("wagtailimages:add"),
    ):
        page.goto(site.url + address)
        page.wait_for_load_state("networkidle")

    assert page.locator("form[data-edit-form], form").count() > 0
    assert violations == [], "\n".join(violations)
