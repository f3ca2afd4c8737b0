from django.core.management.base import BaseCommand

from boussole.io.exporter import export_csv, export_json


class Command(BaseCommand):
    help = "Exporte les structures et services au format data·inclusion (JSON) ou CSV, sur la sortie standard."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--kind", choices=["structure", "service"], default="structure", help="pour le CSV")
        parser.add_argument("--source", help="seulement les données de cette source")
        parser.add_argument("--public", action="store_true", help="seulement ce que le public voit")
        parser.add_argument("--output", help="fichier de sortie (sinon la sortie standard)")

    def handle(self, *args, **options):
        if options["format"] == "json":
            text = export_json(options["public"], options["source"])
        else:
            text = export_csv(options["kind"], options["public"], options["source"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
