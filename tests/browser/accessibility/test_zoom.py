"""At 200 % zoom and on a 320 px wide screen, no page scrolls sideways and nothing is cut off (WCAG 1.4.4, 1.4.10).

Measured in Chromium on every page type and state, in French and in Arabic (right to left)."""

import pytest

from .probes import REFLOW_WIDTHS
from .survey import report

# django_db (not transactional): the test database gets created; the suites never flush the shared demo site.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("width", list(REFLOW_WIDTHS))
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_horizontal_scrolling_and_nothing_cut_off(survey, language, width):
    problems = report(survey[language], lambda finding: finding.reflow[width])
    assert not problems, f"{width} ({language}):\n{problems}"
