"""Small bar charts drawn on the server as SVG (no script, no CDN); their figures are also given as text."""

from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, MARGIN = 640, 180, 24


def buckets(start, end):
    """Months when the period is longer than two months, days otherwise: ``[(label, first day, last day)]``."""
    if (end - start).days <= 62:
        days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
        return [(date_format(day, "j F"), day, day) for day in days]
    result, cursor = [], start.replace(day=1)
    while cursor <= end:
        following = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        last = min(date.fromordinal(following.toordinal() - 1), end)
        result.append((date_format(cursor, "F Y"), max(cursor, start), last))
        cursor = following
    return result


def series_values(by_day, periods):
    return [(label, sum(n for day, n in by_day.items() if first <= day <= last)) for label, first, last in periods]


def bar_chart(title, values):
    """An SVG bar chart of ``[(label, value)]``, named by ``title`` for screen readers."""
    highest = max((value for _label, value in values), default=0) or 1
    count = max(len(values), 1)
    step = (WIDTH - 2 * MARGIN) / count
    bars = []
    for position, (label, value) in enumerate(values):
        height = (HEIGHT - 2 * MARGIN) * value / highest
        x = MARGIN + position * step
        geometry = f'x="{x + step * 0.1:.1f}" y="{HEIGHT - MARGIN - height:.1f}" width="{step * 0.8:.1f}" '
        geometry += f'height="{height:.1f}"'
        bars.append(
            format_html('<rect {} fill="#2e6b8a"><title>{} : {}</title></rect>', mark_safe(geometry), label, value)  # noqa: S308
        )
    labels = []
    if values:
        for position in sorted({0, len(values) - 1}):
            x = MARGIN + position * step + (0 if position == 0 else step)
            anchor = "start" if position == 0 else "end"
            labels.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11" text-anchor="{}">{}</text>',
                    f"{x:.1f}",
                    HEIGHT - 6,
                    anchor,
                    values[position][0],
                )
            )
    return format_html(
        '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        '<text x="{}" y="14" font-size="12">max. {}</text>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        MARGIN,
        highest if any(v for _l, v in values) else 0,
        MARGIN,
        HEIGHT - MARGIN,
        WIDTH - MARGIN,
        HEIGHT - MARGIN,
        mark_safe("".join(bars)),  # noqa: S308 - built with format_html above
        format_html_join("", "{}", ((label,) for label in labels)),
    )
