"""Bad query parameters are refusals (400, or an empty answer that says why), never a 500.

Each address below answered 500 on SQLite or PostgreSQL before: a NUL byte or a lone quote in a full-text
search, a number too big for the database's integers.
"""

import json

import pytest

HUGE = "1" * 24

API_ADDRESSES = [
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?search=%22",
    "/api/v2/pages/?search=+",
    "/api/v2/pages/?search=%22wifi",
    "/api/v2/pages/?search=box*%20AND%20-%22",
    f"/api/v2/pages/?offset={HUGE}",
    f"/api/v2/pages/?limit={HUGE}",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/?locale=xx",
    f"/api/v2/pages/?child_of={HUGE}",
    f"/api/v2/pages/?descendant_of={HUGE}",
    f"/api/v2/pages/?id={HUGE}",
    f"/api/v2/pages/{HUGE}/",
    "/api/v2/pages/?type=%00",
    "/api/v2/pages/?order=%00",
    "/api/v2/pages/?fields=%00",
    "/api/v2/pages/?slug=%00",
    "/api/v2/pages/?title=%00",
    "/api/v2/pages/?html_path=%00",
]


@pytest.mark.parametrize("address", API_ADDRESSES)
def test_the_pages_api_refuses_bad_parameters_without_failing(client, site_pages, address):
    response = client.get(address)

    assert response.status_code in (200, 400, 404), (address, response.status_code)
    body = json.loads(response.content)
    if response.status_code == 400:
        assert body.get("message"), "a refusal says why"
    elif response.status_code == 200 and "items" in body:
        assert isinstance(body["items"], list)


@pytest.mark.parametrize(
    "query",
    [f"fiche={HUGE}", "fiche=%00", "fiche=%C2%B2", f"fiche=1&fiche={HUGE}", "q=%00", "departement=%00"],
)
def test_the_fiches_booklet_refuses_bad_numbers_without_failing(client, site_pages, query):
    response = client.get(f"/fiches/livret/?{query}")

    assert response.status_code in (302, 400), response.status_code


@pytest.mark.parametrize("operator", ["%00", "xor", ""])
def test_the_pages_api_refuses_an_unknown_search_operator(client, site_pages, operator):
    response = client.get(f"/api/v2/pages/?search=wifi&search_operator={operator}")

    assert response.status_code == 400
