"""The Wagtail admin keeps working under the Content Security Policy, in the real browser: no violation reported
on the dashboard, a snippet editor and a page editor, and the public 404 page has none under the strict policy."""

import pytest
from django.urls import reverse

from dictionnaire.models import Category, Term
from tests.browser.conftest import browser, page  # noqa: F401  (the shared Chromium fixtures)

pytestmark = pytest.mark.browser


def test_the_admin_and_public_pages_run_without_any_csp_violation(
    live_server,
    transactional_db,
    page,  # noqa: F811
    django_user_model,
):
    django_user_model.objects.create_superuser("chef", "chef@example.org", "un-mot-de-passe-long")
    term = Term(word="Wi-Fi", category=Category.INTERNET, short_definition="Internet sans fil.", live=False)
    term.save()
    term.save_revision().publish()
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.on("pageerror", lambda error: violations.append(str(error)))

    page.goto(live_server.url + "/page-qui-n-existe-pas/")
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "chef")
    page.fill("#id_password", "un-mot-de-passe-long")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for address in (
        reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk]),
        "/admin/pages/",
        reverse("wagtailimages:add"),
    ):
        page.goto(live_server.url + address)
        page.wait_for_load_state("networkidle")

    assert page.locator("form[data-edit-form], form").count() > 0
    assert violations == [], "\n".join(violations)
