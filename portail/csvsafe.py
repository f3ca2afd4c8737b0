"""CSV cells that no spreadsheet runs as a formula (CSV injection).

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel and
LibreOffice (``=HYPERLINK(…)`` becomes a link, ``=cmd|…`` an attempt to run a program): it is written with a
leading apostrophe, which spreadsheets show as plain text. Numbers are left alone (``-1.5`` is a number, not a
formula). Every CSV the site writes goes through here; the boussole's importer removes the apostrophe again so
that an exported file imports unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value):
    """The inverse of ``neutralise`` for a text cell read back from a CSV the site wrote."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def safe_row(values):
    return [neutralise(value) for value in values]


def safe_dict(row):
    return {key: neutralise(value) for key, value in row.items()}
