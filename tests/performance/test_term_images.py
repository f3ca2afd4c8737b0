"""A term's page reads its images, their files and their renditions in as many queries with three images as with
one: none per image."""

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from dictionnaire.images import TermImage
from tests.performance.conftest import make_terms
from tests.performance.test_query_budgets import count_queries, grows  # noqa: F401 - count_queries is a fixture


def add_images(term, count):
    start = term.images.count()
    for number in range(start, start + count):
        image = Image.objects.create(title=f"image {number}", file=get_test_image_file(f"image{number}.png"))
        TermImage.objects.create(term=term, image=image, alt_text=f"Ce que montre l'image {number}.", sort_order=number)


def test_the_term_page_reads_no_query_per_image(sections, count_queries):  # noqa: F811
    term = make_terms(0, 1)[0]
    add_images(term, 1)
    urls = [
        f"/dictionnaire/{term.slug}/",
        f"/api/dictionnaire/termes/{term.slug}/",
        "/dictionnaire/export/dictionnaire.json",
    ]

    # (a new image's renditions are made once, on its first view: that visit is not counted)
    grows(count_queries, urls, lambda: add_images(term, 2), reload_after_growth=True)
