from django.core.management.base import BaseCommand

from dictionnaire.search.backends import backend_path, get_backend
from dictionnaire.search.signals import live_terms, search_document


class Command(BaseCommand):
    help = "Rebuild the dictionary's search index from the published terms (with the configured engine)."

    def handle(self, *args, **options):
        backend = get_backend()
        terms = live_terms()
        terms = terms.iterator() if hasattr(terms, "iterator") else terms

        def progress(count):
            if options["verbosity"] > 1:
                self.stdout.write(f"{count} terms indexed…")

        count = backend.rebuild((search_document(term) for term in terms), progress=progress)
        self.stdout.write(f"{count} published terms indexed with {backend_path().rsplit('.', 1)[-1]}.")
