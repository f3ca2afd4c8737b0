"""The core tasks of the site, done with the keyboard only (Tab, Space, Enter and typing): the keyboard suite runs
them with JavaScript, the no-JavaScript suite without."""

import re
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

#: The focused element: does it match, does it show a focus ring, is it on screen?
FOCUSED = """(selector) => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        matches: el.matches(selector),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth,
        what: el.outerHTML.slice(0, 100),
    };
}"""


def tab_to(page, selector, limit=120):
    """Press Tab until the focused element matches ``selector``; every stop on the way must be seen with its ring."""
    hidden = []
    for _stop in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED, selector)
        if not (focused["ring"] and focused["onScreen"]):
            hidden.append(focused["what"])
        if focused["matches"]:
            assert not hidden, f"focus not visible on the way to {selector}: {hidden}"
            return
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")


def press_and_wait(page, key, url):
    with page.expect_navigation(url=url):
        page.keyboard.press(key)


def search_a_word_and_open_it(page, site):
    page.goto(site.url + "/")
    tab_to(page, "#site-search-q")
    page.keyboard.type("wifi")
    press_and_wait(page, "Enter", re.compile(r"/dictionnaire/recherche/\?q=wifi"))
    tab_to(page, '.dictionary-results a[href$="/dictionnaire/wi-fi/"]')
    press_and_wait(page, "Enter", re.compile(r"/dictionnaire/wi-fi/$"))
    assert page.locator("h1").inner_text() == "Wi-Fi"


def ask_for_a_word(page, site, word):
    page.goto(f"{site.url}/dictionnaire/recherche/?q={word}")
    tab_to(page, ".ask-word a.button")
    press_and_wait(page, "Enter", re.compile(r"/dictionnaire/demander/\?mot="))
    assert page.locator("#id_word").input_value() == word
    tab_to(page, "#id_context")
    page.keyboard.type("à la télévision")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page, "Enter", re.compile(r"/dictionnaire/suivi/\w+/$"))
    assert word in page.locator("main").inner_text()


def filter_fiches(page, site):
    page.goto(site.url + "/fiches/")
    tab_to(page, ".facet-group summary")  # the groups are folded: the first is the département
    page.keyboard.press("Enter")
    tab_to(page, 'input[name=departement][value="80"]')
    page.keyboard.press("Space")
    # With JavaScript the list follows the box at once (a fetch, then the address is replaced): let it finish, so
    # that the button's real navigation is the one waited for below.
    page.wait_for_load_state("networkidle")
    tab_to(page, ".fiches-filters button[type=submit]")
    press_and_wait(page, "Enter", re.compile(r"departement=80"))
    places = page.locator(".fiche-card__meta").all_inner_texts()
    assert places and all("Somme (80)" in place for place in places)
    title = page.locator(".fiche-card h2 a").first.inner_text()
    tab_to(page, ".fiche-card h2 a")
    press_and_wait(page, "Enter", re.compile(r"/fiches/[\w-]+/$"))
    assert page.locator("h1").inner_text() == title


def a_tuesday_morning():
    """This week's Tuesday at 10:30 in Paris: demo structures open then (``ouvert maintenant`` depends on the clock)."""
    today = datetime.now(ZoneInfo("Europe/Paris"))
    tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
    return tuesday.replace(hour=10, minute=30, second=0, microsecond=0)


def find_an_open_structure(page, site):
    with mock.patch("django.utils.timezone.now", return_value=a_tuesday_morning()):
        page.goto(site.url + "/boussole/annuaire/")
        tab_to(page, "#id_lieu")
        page.keyboard.type("Lille")
        tab_to(page, "#id_ouvert")
        page.keyboard.press("Space")
        tab_to(page, ".search-form button[type=submit]")
        press_and_wait(page, "Enter", re.compile(r"ouvert=on"))
        statuses = page.locator("ol.cards > li .status")
        assert statuses.count() > 0
        assert all("status--open" in cls for cls in statuses.evaluate_all("nodes => nodes.map(n => n.className)"))
        name = page.locator("ol.cards > li h2 a").first.inner_text()
        tab_to(page, "ol.cards > li h2 a")
        press_and_wait(page, "Enter", re.compile(r"/boussole/annuaire/[\w-]+/$"))
        assert name in page.locator("h1").inner_text()


def complete_the_orientation(page, site):
    page.goto(site.url + "/boussole/")
    tab_to(page, 'main a[href$="/boussole/orientation/"]')
    press_and_wait(page, "Enter", re.compile(r"/boussole/orientation/$"))
    for step in (1, 2):
        tab_to(page, ".orientation input[type=radio]")
        page.keyboard.press("Space")
        tab_to(page, ".orientation button[type=submit]")
        press_and_wait(page, "Enter", re.compile(rf"etape={step}"))
    tab_to(page, "#orientation-lieu")
    page.keyboard.type("Tourcoing")
    press_and_wait(page, "Enter", re.compile(r"lieu=Tourcoing"))
    assert page.locator("#res-structures").count() == 1
    tab_to(page, "section[aria-labelledby=res-structures] ol.cards > li h2 a")
    press_and_wait(page, "Enter", re.compile(r"/boussole/annuaire/[\w-]+/$"))
