"""Reading preferences (text size, contrast): a functional cookie read on the server into classes on <html>.

The cookie ``preferences`` holds the chosen classes separated by dots, e.g. ``texte-grand.contraste-fort``.
Only known classes are kept, so a tampered cookie changes nothing but the reader's own display.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "preferences"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

#: Each setting: its query parameter, then its choices as (value, class on <html>, label). The first is the default.
TEXT_SIZES = [
    ("normal", "", _("Normal")),
    ("grand", "texte-grand", _("Grand")),
    ("tres-grand", "texte-tres-grand", _("Très grand")),
]
CONTRASTS = [
    ("normal", "", _("Normal")),
    ("fort", "contraste-fort", _("Fort")),
]
SETTINGS = {"texte": TEXT_SIZES, "contraste": CONTRASTS}
SETTING_LABELS = {"texte": _("Taille du texte :"), "contraste": _("Contraste :")}


@dataclass(frozen=True)
class ReadingPreferences:
    texte: str = "normal"
    contraste: str = "normal"

    @classmethod
    def from_cookie(cls, value):
        """The preferences a cookie value stands for; anything unknown in it is ignored."""
        classes = set((value or "")[:200].split("."))
        chosen = {}
        for name, choices in SETTINGS.items():
            for choice, css_class, _label in choices:
                if css_class and css_class in classes:
                    chosen[name] = choice
        return cls(**chosen)

    @classmethod
    def from_request(cls, request):
        return cls.from_cookie(request.COOKIES.get(COOKIE_NAME, ""))

    def with_choices(self, params):
        """These preferences changed by the valid choices found in ``params`` (a QueryDict or a dict)."""
        changed = {}
        for name, choices in SETTINGS.items():
            value = params.get(name)
            if value in {choice for choice, _class, _label in choices}:
                changed[name] = value
        return ReadingPreferences(**{"texte": self.texte, "contraste": self.contraste, **changed})

    @property
    def html_classes(self):
        """The classes to put on <html>, e.g. ``"texte-grand contraste-fort"`` (empty for the defaults)."""
        selected = []
        for name, choices in SETTINGS.items():
            for choice, css_class, _label in choices:
                if css_class and getattr(self, name) == choice:
                    selected.append(css_class)
        return " ".join(selected)

    @property
    def cookie_value(self):
        return self.html_classes.replace(" ", ".")

    def options(self, name):
        """The choices of one setting for the switch: ``[(value, label, is_current)]``."""
        return [(choice, label, getattr(self, name) == choice) for choice, _class, label in SETTINGS[name]]
