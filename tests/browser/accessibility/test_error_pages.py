"""The refusal pages (403, the CSRF failure, 404, 500) and the header of a signed-in adult have no axe-core
violation, in French and in Arabic. The whole survey (test_axe.py) measures them too; this module measures only them."""

import pytest
from django.core.management import call_command

from .probes import DESKTOP, run_axe
from .survey import ERROR_STATES, FRENCH_AND_ARABIC, go

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "un-mot-de-passe-long-a11y"


@pytest.fixture(scope="module")
def signed_in_adult(a11y_site, django_db_blocker):
    """An adult account of its own, committed so that the live server sees it."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        user, _created = get_user_model().objects.get_or_create(username="adulte-a11y-entete")
        user.first_name, user.last_name = "Dominique", "Essai"
        user.set_password(PASSWORD)
        user.save()
    yield user
    with django_db_blocker.unblock():
        user.delete()
        call_command("clearsessions")


@pytest.mark.parametrize("language", list(FRENCH_AND_ARABIC))
def test_no_axe_violation_on_the_refusal_pages(a11y_site, browser, language):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = context.new_page()
    found = {}
    try:
        for state, visit in ERROR_STATES:
            visit(page, a11y_site, FRENCH_AND_ARABIC[language])
            found[state] = run_axe(page)
            assert page.locator("main h1").count() == 1, state
            assert page.locator("main a[href]").count() >= 1, f"{state}: no way back"
    finally:
        context.close()

    assert len(found) == 4
    assert not any(found.values()), found


def test_no_axe_violation_on_a_page_seen_by_a_signed_in_adult(a11y_site, browser, signed_in_adult):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{a11y_site.url}/dictionnaire/connexion/")
        page.locator("input[name=username]").fill(signed_in_adult.username)
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").click()
        go("/dictionnaire/")(page, a11y_site, "")

        assert "Dominique Essai" in page.locator(".site-account").inner_text()
        assert run_axe(page) == []
        with page.expect_navigation():
            page.locator(".site-account button[type=submit]").click()
        assert page.locator(".site-account").count() == 0, "signed out from a public page"
    finally:
        context.close()
