"""How a section's plain text becomes HTML: paragraphs, dash lists, links, and nothing unescaped."""

from fiches.booklet import parse_testimonials
from fiches.templatetags.fiches_tags import paragraphs


def test_blank_lines_make_paragraphs_and_dash_lines_make_a_list():
    html = paragraphs("Trois ateliers :\n- tablette ;\n- smartphone.\n\nEt ensuite ?")

    assert html == "<p>Trois ateliers :</p>\n<ul><li>tablette ;</li><li>smartphone.</li></ul>\n<p>Et ensuite ?</p>"


def test_html_in_the_text_is_shown_not_run_and_addresses_become_links():
    html = paragraphs('<script>alert("x")</script> voir https://www.bippop.com')

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://www.bippop.com"' in html


def test_testimonials_split_into_quotes_and_back_to_the_same_text():
    text = "« Super ! »\n\nJeanne, 87 ans\n\n« Très bien.\n\nVraiment.\n\nRené - 68 ans\n\nHuguette - 71 ans"

    quotes = parse_testimonials(text)

    assert quotes == [
        {"quote": "« Super ! »", "attribution": "Jeanne, 87 ans"},
        {"quote": "« Très bien.\n\nVraiment.", "attribution": "René - 68 ans\n\nHuguette - 71 ans"},
    ]
    assert "\n\n".join(p for q in quotes for p in (q["quote"], q["attribution"]) if p) == text
