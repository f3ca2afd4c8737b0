"""axe-core finds no violation of WCAG 2.2 A/AA (nor of its best practices) on any public page type or state, in
French and in Arabic."""

import pytest

from .survey import report

# django_db (not transactional): the test database gets created; the suites never flush the shared demo site.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_axe_violation_on_any_page(survey, language):
    findings = survey[language]
    print(f"\naxe-core violations ({language}):")
    for finding in findings:
        print(f"  {len(finding.axe) if not finding.unreachable else '?':>2}  {finding.state}")

    problems = report(findings, lambda finding: finding.axe)
    assert not problems, f"axe-core ({language}):\n{problems}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_fields_are_described_by_elements_that_exist(survey, language):
    problems = report(survey[language], lambda finding: finding.broken_references)
    assert not problems, f"references to missing elements ({language}):\n{problems}"


def test_arabic_pages_are_right_to_left_and_french_ones_left_to_right(survey):
    expected = {"fr": ("fr", "ltr"), "ar": ("ar", "rtl")}
    for language, findings in survey.items():
        problems = report(
            findings,
            lambda finding, language=language: (
                [f'<html lang="{finding.lang}" dir="{finding.dir}">']
                if (finding.lang, finding.dir) != expected[language]
                else []
            ),
        )
        assert not problems, problems
