"""Demo content of the boussole parentale, loaded by ``manage.py load_demo_data`` (twice changes nothing).

Structures come from ``demo_data/structures.json`` (see its README for their origin); services, events relative
to today, resources, glossary and orientation questions are written here.
"""

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from boussole.hours import PARIS
from boussole.models import (
    BoussoleIndexPage,
    Event,
    GlossaryEntry,
    OrientationChoice,
    OrientationQuestion,
    Resource,
    Service,
    Structure,
    StructureClosure,
)
from boussole.needs import ParentNeed, ensure_default_needs
from portail.demo import ensure_child_page

INDEX_INTRODUCTION = (
    "Vous êtes parent et vous cherchez de l'aide ? La boussole vous dit qui peut vous aider, "
    "près de chez vous : lieux, ateliers, documents et mots à connaître."
)
SOURCE = "boussole"
DATA = Path(__file__).resolve().parent / "demo_data"

PARENTING = "famille--soutien-a-la-parentalite-et-a-leducation"
DIGITAL = [
    "numerique--acceder-a-des-services-en-ligne",
    "numerique--acceder-a-une-connexion-internet",
    "numerique--acquerir-un-equipement",
    "numerique--maitriser-les-fondamentaux-du-numerique",
]
RIGHTS = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
MONEY = "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"

#: Services offered by the demo structures: key → data·inclusion fields.
SERVICES = {
    "parentalite": {
        "nom": "Café des parents",
        "description": "Un moment convivial pour parler de la vie de parent, poser ses questions et partager "
        "ses astuces, avec une animatrice famille. Les enfants peuvent venir.",
        "type": "atelier",
        "thematiques": [PARENTING],
        "publics": ["familles"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter", "telephoner"],
        "mobilisable_par": ["usagers"],
    },
    "ent": {
        "nom": "Permanence ENT et Pronote",
        "description": "On vous aide à vous connecter à l'ENT du collège, à Pronote et à ÉduConnect : "
        "voir les notes, les devoirs, écrire aux professeurs. Venez avec vos codes si vous les avez.",
        "type": "accompagnement",
        "thematiques": ["numerique--acceder-a-des-services-en-ligne", PARENTING],
        "publics": ["familles"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter"],
        "mobilisable_par": ["usagers"],
        "horaires_accueil": "We 14:00-17:00",
    },
    "numerique": {
        "nom": "Atelier numérique en famille",
        "description": "Apprendre ensemble, parents, enfants et grands-parents : régler le contrôle parental, "
        "faire ses démarches en ligne, utiliser une tablette sans se perdre.",
        "type": "atelier",
        "thematiques": ["numerique--maitriser-les-fondamentaux-du-numerique", PARENTING],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner", "se-presenter"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
    "laep": {
        "nom": "Lieu d'accueil enfants-parents (LAEP)",
        "description": "Un espace de jeu et de parole pour les enfants de moins de 6 ans accompagnés d'un parent "
        "ou d'un grand-parent. Anonyme, gratuit, sans inscription.",
        "type": "accompagnement",
        "thematiques": [PARENTING, "famille--garde-denfants"],
        "publics": ["familles"],
        "publics_precisions": "Enfants de moins de 6 ans avec un adulte proche.",
        "age_min": 0,
        "age_max": 5,
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter"],
        "mobilisable_par": ["usagers"],
        "horaires_accueil": "Tu,Th 09:00-11:30",
    },
    "accueil-loisirs": {
        "nom": "Accueil de loisirs du mercredi",
        "description": "Activités, sorties et repas pour les enfants de 3 à 11 ans le mercredi et pendant les "
        "vacances. Tarif selon le quotient familial CAF.",
        "type": "accompagnement",
        "thematiques": ["famille--garde-denfants"],
        "publics": ["familles"],
        "frais": "payant",
        "frais_precisions": "Selon le quotient familial.",
        "age_min": 3,
        "age_max": 11,
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter", "telephoner"],
        "mobilisable_par": ["usagers"],
    },
    "ludotheque": {
        "nom": "Ludothèque familiale",
        "description": "Jouer sur place en famille ou emprunter des jeux. Des soirées jeux ont lieu chaque mois.",
        "type": "atelier",
        "thematiques": [PARENTING],
        "publics": ["tous-publics"],
        "frais": "payant",
        "frais_precisions": "Adhésion annuelle au centre social.",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter"],
        "mobilisable_par": ["usagers"],
    },
    "accompagnement-scolaire": {
        "nom": "Accompagnement à la scolarité (CLAS)",
        "description": "Aide aux devoirs et activités pour les enfants du CP à la 3e, avec un temps d'échange "
        "avec les parents sur l'école.",
        "type": "accompagnement",
        "thematiques": [PARENTING],
        "publics": ["familles", "jeunes"],
        "age_min": 6,
        "age_max": 15,
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner", "se-presenter"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
    "separation": {
        "nom": "Écoute des parents séparés",
        "description": "Un rendez-vous pour parler d'une séparation, de la garde des enfants et être orienté "
        "vers la médiation familiale.",
        "type": "information",
        "thematiques": ["famille--surmonter-conflits-separation-violence"],
        "publics": ["familles"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel", "a-distance"],
        "modes_mobilisation": ["telephoner"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
    "aidants": {
        "nom": "Soutien aux aidants familiaux",
        "description": "Pour les parents et grands-parents qui s'occupent d'un proche malade, âgé ou en situation "
        "de handicap : écoute, répit et informations sur les aides.",
        "type": "accompagnement",
        "thematiques": ["famille--soutien-aidants"],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
    "droits": {
        "nom": "Accès aux droits et démarches CAF",
        "description": "Un agent vous aide pour vos démarches en ligne : compte CAF, allocations familiales, "
        "prime d'activité, dossier de bourse.",
        "type": "accompagnement",
        "thematiques": [
            "numerique--acceder-a-des-services-en-ligne",
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        ],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner", "se-presenter"],
        "mobilisable_par": ["usagers"],
    },
    "accueil-jeunes": {
        "nom": "Accueil jeunes (12-17 ans)",
        "description": "Un lieu pour les ados après le collège et pendant les vacances : sorties, sport, projets, "
        "avec deux animateurs. Les parents sont reçus à l'inscription.",
        "type": "accompagnement",
        "thematiques": ["famille--garde-denfants", "remobilisation--activites-sportives-et-culturelles"],
        "publics": ["jeunes"],
        "age_min": 12,
        "age_max": 17,
        "frais": "payant",
        "frais_precisions": "Adhésion annuelle.",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter", "telephoner"],
        "mobilisable_par": ["usagers"],
    },
    "sante": {
        "nom": "Permanence santé des tout-petits (PMI)",
        "description": "Une puéricultrice de la PMI pèse et mesure les bébés, répond aux questions sur le sommeil, "
        "l'alimentation et les vaccins. Gratuit, sans rendez-vous.",
        "type": "information",
        "thematiques": ["sante--acces-aux-soins", PARENTING],
        "publics": ["familles"],
        "age_min": 0,
        "age_max": 5,
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter"],
        "mobilisable_par": ["usagers"],
        "horaires_accueil": "Mo 14:00-17:00",
    },
    "handicap": {
        "nom": "Aide au dossier MDPH",
        "description": "Remplir le dossier MDPH de votre enfant avec une conseillère : AEEH, AESH, carte mobilité "
        "inclusion. Venez avec les certificats médicaux.",
        "type": "accompagnement",
        "thematiques": ["sante--constituer-un-dossier-mdph-invalidite", RIGHTS],
        "publics": ["personnes-en-situation-de-handicap", "familles"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
    "budget": {
        "nom": "Point conseil budget",
        "description": "Faire le point sur ses factures, éviter les impayés, préparer la rentrée scolaire sans "
        "s'endetter. Confidentiel et gratuit.",
        "type": "accompagnement",
        "thematiques": [MONEY],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel", "a-distance"],
        "modes_mobilisation": ["telephoner"],
        "mobilisable_par": ["usagers", "professionnels"],
    },
}

#: Ages of children (youngest, oldest) of the demo events that are not for every age, by title.
EVENT_AGES = {
    "Rencontre : préparer l'entrée en 6e": (10, 11),
    "Groupe de parole parents d'ados": (12, 17),
    "Conférence : le sommeil des tout-petits": (0, 3),
    "Stage vacances ados : sport et sorties": (12, 17),
    "Halte-garderie : portes ouvertes": (0, 5),
}

#: (title, structure id, days from today, hour, duration in hours, thématique, description, price, capacity)
EVENTS = [
    (
        "Café des parents : les écrans à la maison",
        "belencontre",
        2,
        9,
        2,
        PARENTING,
        "Combien de temps d'écran ? Quels jeux ? On en parle autour d'un café.",
        "",
        15,
    ),
    (
        "Atelier Pronote pour les parents",
        "faubourg-de-bethune",
        3,
        17,
        1.5,
        "numerique--acceder-a-des-services-en-ligne",
        "Se connecter à Pronote, lire le cahier de textes et les notes, écrire au professeur principal.",
        "",
        10,
    ),
    (
        "Matinée jeux parents-enfants",
        "chemin-rouge",
        5,
        10,
        2,
        PARENTING,
        "La ludothèque ouvre ses portes aux familles avec des jeux pour tous les âges.",
        "",
        25,
    ),
    (
        "Contrôle parental : mode d'emploi",
        "lazare-garreau",
        6,
        18,
        1.5,
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "Régler le téléphone et la box de la maison pour protéger les enfants.",
        "",
        12,
    ),
    (
        "Rencontre : préparer l'entrée en 6e",
        "phalempins",
        8,
        18,
        2,
        PARENTING,
        "Les parents d'élèves de CM2 rencontrent des enseignants du collège.",
        "",
        30,
    ),
    (
        "Sortie familles à la mer",
        "ccas-grande-synthe",
        10,
        9,
        8,
        PARENTING,
        "Une journée à la plage pour les familles, transport compris.",
        "3 € par personne",
        40,
    ),
    (
        "Atelier CAF : mon compte en ligne",
        "ccas-amiens",
        11,
        14,
        2,
        "numerique--acceder-a-des-services-en-ligne",
        "Créer son compte, déclarer ses ressources, télécharger une attestation.",
        "",
        8,
    ),
    (
        "Groupe de parole parents d'ados",
        "echo",
        13,
        18,
        2,
        PARENTING,
        "Échanger entre parents d'adolescents avec une psychologue.",
        "",
        12,
    ),
    (
        "Soirée jeux en famille",
        "cse-hazebrouck",
        15,
        18,
        3,
        PARENTING,
        "Des jeux de société pour petits et grands, et un goûter partagé.",
        "",
        50,
    ),
    (
        "Tablette en famille : premiers pas",
        "csr-grandvilliers",
        17,
        14,
        2,
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "Grands-parents et petits-enfants apprennent ensemble à se servir d'une tablette.",
        "",
        10,
    ),
    (
        "Conférence : le sommeil des tout-petits",
        "mpt-abbeville",
        20,
        18,
        1.5,
        PARENTING,
        "Une puéricultrice de la PMI répond aux questions des parents.",
        "",
        60,
    ),
    (
        "Stage vacances ados : sport et sorties",
        "echo",
        9,
        10,
        6,
        "famille--garde-denfants",
        "Une semaine de sport, de sorties et de projets pour les 12-17 ans pendant les vacances.",
        "10 € la semaine",
        16,
    ),
    (
        "Halte-garderie : portes ouvertes",
        "phalempins",
        4,
        9,
        3,
        "famille--garde-denfants",
        "Visiter la halte-garderie, rencontrer l'équipe, inscrire son enfant de moins de 6 ans.",
        "",
        20,
    ),
    (
        "Café des aidants",
        "csi-hucqueliers",
        24,
        14,
        2,
        "famille--soutien-aidants",
        "Un temps d'échange pour les personnes qui aident un proche.",
        "",
        12,
    ),
]

RESOURCES = [
    (
        "Le site des 1000 premiers jours",
        "lien",
        "https://www.1000-premiers-jours.fr/",
        "Conseils officiels pour les parents, de la grossesse aux 2 ans de l'enfant.",
        [PARENTING],
    ),
    (
        "Mon-enfant.fr : trouver un mode de garde",
        "lien",
        "https://monenfant.fr/",
        "Le site de la CAF pour trouver une crèche, une assistante maternelle ou un accueil de loisirs.",
        ["famille--garde-denfants"],
    ),
    (
        "Je protège mon enfant : le contrôle parental",
        "lien",
        "https://jeprotegemonenfant.gouv.fr/",
        "Comment installer le contrôle parental sur chaque appareil, pas à pas.",
        ["numerique--maitriser-les-fondamentaux-du-numerique", PARENTING],
    ),
    (
        "3018 : harcèlement et violences en ligne",
        "lien",
        "https://e-enfance.org/numero-3018/",
        "Numéro gratuit et anonyme pour les jeunes et les parents victimes de cyberharcèlement.",
        ["famille--surmonter-conflits-separation-violence", "numerique--maitriser-les-fondamentaux-du-numerique"],
    ),
    (
        "ÉduConnect : un seul compte pour l'école",
        "lien",
        "https://educonnect.education.gouv.fr/",
        "Le compte des parents pour les services en ligne de l'école : ENT, bourses, orientation.",
        ["numerique--acceder-a-des-services-en-ligne"],
    ),
    (
        "Caf.fr : les aides aux familles",
        "lien",
        "https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/vie-personnelle",
        "Allocations familiales, aide à la garde, rentrée scolaire : à quoi avez-vous droit ?",
        [MONEY, PARENTING],
    ),
    (
        "Vidéo : les écrans et les tout-petits",
        "video",
        "https://www.1000-premiers-jours.fr/fr/les-ecrans-et-les-tout-petits",
        "Pourquoi éviter les écrans avant 3 ans, en quelques minutes.",
        [PARENTING],
    ),
    (
        "Le portail des aidants",
        "lien",
        "https://www.pour-les-personnes-agees.gouv.fr/",
        "Informations et aides pour les proches aidants.",
        ["famille--soutien-aidants"],
    ),
]

#: (term, expansion, short definition, thématiques, official url)
GLOSSARY = [
    (
        "AESH",
        "Accompagnant d'élèves en situation de handicap",
        "L'adulte qui aide en classe un élève en situation de handicap, quand la MDPH l'a décidé.",
        [PARENTING],
        "",
    ),
    (
        "AEEH",
        "Allocation d'éducation de l'enfant handicapé",
        "Une aide de la CAF pour les parents d'un enfant en situation de handicap, demandée à la MDPH.",
        ["famille--prise-en-charge-personne-dependante", "sante--constituer-un-dossier-mdph-invalidite"],
        "",
    ),
    (
        "Accueil de loisirs",
        "ALSH",
        "Le centre qui accueille les enfants le mercredi et pendant les vacances, avec des activités.",
        ["famille--garde-denfants"],
        "",
    ),
    (
        "ATSEM",
        "Agent territorial spécialisé des écoles maternelles",
        "La personne qui aide l'enseignant en maternelle : habillage, sieste, ateliers.",
        [PARENTING],
        "",
    ),
    (
        "CAF",
        "Caisse d'allocations familiales",
        "L'organisme qui verse les aides aux familles : allocations familiales, aide au logement, prime de rentrée.",
        [MONEY, PARENTING],
        "https://www.caf.fr/",
    ),
    (
        "CCAS",
        "Centre communal d'action sociale",
        "Le service social de la mairie : il aide les habitants en difficulté et les oriente.",
        [MONEY],
        "",
    ),
    (
        "Centre social",
        "",
        "Un lieu ouvert à tous les habitants d'un quartier : activités, aide aux démarches, soutien aux parents.",
        [PARENTING],
        "",
    ),
    (
        "CLAS",
        "Contrat local d'accompagnement à la scolarité",
        "L'aide aux devoirs du soir, avec des activités et un lien avec les parents.",
        [PARENTING],
        "",
    ),
    (
        "CMP",
        "Centre médico-psychologique",
        "Un lieu de soins gratuit où l'on peut consulter un psychologue ou un psychiatre pour son enfant.",
        ["sante--sante-mentale"],
        "",
    ),
    (
        "Contrôle parental",
        "",
        "Des réglages du téléphone, de l'ordinateur ou de la box qui limitent ce que l'enfant peut voir et le temps d'écran.",  # noqa: E501
        ["numerique--maitriser-les-fondamentaux-du-numerique"],
        "https://jeprotegemonenfant.gouv.fr/",
    ),
    (
        "ÉduConnect",
        "",
        "Le compte unique des parents pour les services en ligne de l'école (ENT, bourses, Pronote).",
        ["numerique--acceder-a-des-services-en-ligne"],
        "https://educonnect.education.gouv.fr/",
    ),
    (
        "ENT",
        "Espace numérique de travail",
        "Le site internet du collège ou du lycée : emploi du temps, devoirs, messages des professeurs.",
        ["numerique--acceder-a-des-services-en-ligne"],
        "",
    ),
    (
        "France services",
        "",
        "Un guichet près de chez vous pour être aidé dans les démarches CAF, impôts, santé, retraite.",
        ["numerique--acceder-a-des-services-en-ligne"],
        "https://www.france-services.gouv.fr/",
    ),
    (
        "LAEP",
        "Lieu d'accueil enfants-parents",
        "Un lieu gratuit et anonyme pour jouer et parler, réservé aux enfants de moins de 6 ans avec un adulte proche.",
        [PARENTING],
        "",
    ),
    (
        "MDPH",
        "Maison départementale des personnes handicapées",
        "Le lieu où l'on demande les aides pour un enfant en situation de handicap (AESH, AEEH, orientation).",
        ["famille--prise-en-charge-personne-dependante", "sante--constituer-un-dossier-mdph-invalidite"],
        "",
    ),
    (
        "Médiation familiale",
        "",
        "Des rendez-vous avec une personne neutre pour trouver des accords après une séparation, pour les enfants.",
        ["famille--surmonter-conflits-separation-violence"],
        "",
    ),
    (
        "PAI",
        "Projet d'accueil individualisé",
        "Un document signé avec l'école pour un enfant malade ou allergique : médicaments, repas, gestes à faire.",
        ["sante--acces-aux-soins", PARENTING],
        "",
    ),
    (
        "PMI",
        "Protection maternelle et infantile",
        "Le service du département qui suit gratuitement la santé des femmes enceintes et des enfants de moins de 6 ans.",  # noqa: E501
        ["sante--acces-aux-soins", PARENTING],
        "",
    ),
    (
        "PPS",
        "Projet personnalisé de scolarisation",
        "Le plan qui organise l'école d'un enfant en situation de handicap, décidé avec la MDPH.",
        [PARENTING],
        "",
    ),
    (
        "Pronote",
        "",
        "Le logiciel où les parents voient les notes, les absences et les devoirs de leur enfant.",
        ["numerique--acceder-a-des-services-en-ligne"],
        "",
    ),
    (
        "Quotient familial",
        "QF",
        "Un calcul de la CAF à partir des revenus et de la taille de la famille ; il fixe le prix de la cantine ou des loisirs.",  # noqa: E501
        [MONEY],
        "",
    ),
    (
        "REAAP",
        "Réseau d'écoute, d'appui et d'accompagnement des parents",
        "Les actions de soutien aux parents financées par la CAF : cafés des parents, groupes de parole, conférences.",
        [PARENTING],
        "",
    ),
    (
        "Relais petite enfance",
        "RPE",
        "Le service qui aide les parents à trouver une assistante maternelle et les informe sur la garde.",
        ["famille--garde-denfants"],
        "",
    ),
    (
        "3018",
        "",
        "Le numéro gratuit et anonyme contre le harcèlement en ligne, pour les jeunes et les parents.",
        ["famille--surmonter-conflits-separation-violence"],
        "https://e-enfance.org/numero-3018/",
    ),
]

#: Which glossary words point to which services of the demo.
GLOSSARY_SERVICES = {
    "ENT": "ent",
    "Pronote": "ent",
    "ÉduConnect": "ent",
    "LAEP": "laep",
    "CLAS": "accompagnement-scolaire",
}
GLOSSARY_SERVICES.update(
    {"REAAP": "parentalite", "Médiation familiale": "separation", "CAF": "droits", "CCAS": "droits"}
)
GLOSSARY_SERVICES["Accueil de loisirs"] = "accueil-loisirs"

#: Questions of the orientation: (question, kind, choices). A choice is (label, thématiques, publics, ages), or
#: the slug of a parents' need (its label and thématiques). The first question offers the parents' needs.
ORIENTATION = [
    ("Je cherche de l'aide pour…", "needs", []),
    (
        "Mon enfant a…",
        "choices",
        [
            ("Moins de 6 ans", [], ["familles"], (0, 5)),
            ("Entre 6 et 11 ans", [], ["familles"], (6, 11)),
            ("Entre 12 et 17 ans", [], ["jeunes"], (12, 17)),
            ("Je préfère ne pas répondre", [], [], None),
        ],
    ),
    ("Où habitez-vous ?", "place", []),
]


def load(home, report):
    index, created = ensure_child_page(
        home,
        BoussoleIndexPage,
        "boussole",
        title="Boussole parentale",
        introduction=INDEX_INTRODUCTION,
        show_in_menus=True,
    )
    report(index, created)
    today = timezone.localdate()
    structures = load_structures(today, report)
    load_events(structures, today, report)
    load_resources(report)
    load_glossary(structures, report)
    load_orientation(report)


def load_structures(today, report):
    structures = {}
    for position, item in enumerate(json.loads((DATA / "structures.json").read_text(encoding="utf-8"))):
        structure, created = Structure.objects.get_or_create(
            source=SOURCE,
            source_id=item["id"],
            defaults={
                "nom": item["nom"],
                "description": f"{item['nom']} accueille les familles de {item['commune']} et des environs.",
                "commune": item["commune"],
                "code_insee": item["code_insee"],
                "code_postal": item["code_postal"],
                "adresse": item.get("adresse"),
                "telephone": item.get("telephone"),
                "courriel": item.get("courriel"),
                "site_web": item.get("site_web"),
                "latitude": item["latitude"],
                "longitude": item["longitude"],
                "horaires_accueil": item["horaires"],
                "reseaux_porteurs": item["reseaux"],
                "date_maj": today,
                # One sheet is eight months old: it shows the reminder and the "à revérifier" state.
                "verified_at": today - timedelta(days=240) if position == 3 else today,
                "live": True,
            },
        )
        if created:
            report(structure, created)
            if position == 0:
                StructureClosure.objects.create(
                    structure=structure,
                    start_date=today + timedelta(days=30),
                    end_date=today + timedelta(days=44),
                    reason="congés de fin d'année",
                )
            if position == 1:
                StructureClosure.objects.create(
                    structure=structure,
                    start_date=today + timedelta(days=7),
                    end_date=today + timedelta(days=11),
                    reason="horaires réduits pendant les travaux",
                    opening_hours="Mo-Fr 09:00-12:00",
                )
        structures[item["id"]] = structure
        for key in item["services"]:
            fields = SERVICES[key]
            Service.objects.get_or_create(
                source=SOURCE,
                source_id=f"{item['id']}--{key}",
                defaults={**fields, "structure": structure, "date_maj": today, "live": True},
            )
    return structures


def load_events(structures, today, report):
    for title, structure_id, days, hour, duration, thematique, description, price, capacity in EVENTS:
        structure = structures[structure_id]
        if Event.objects.filter(title=title, structure=structure).exists():
            continue
        start = datetime.combine(today + timedelta(days=days), time(hour), tzinfo=PARIS)
        event = Event.objects.create(
            title=title,
            description=description,
            structure=structure,
            start=start,
            end=start + timedelta(hours=duration),
            publics=["familles"],
            thematiques=[thematique],
            price=price,
            capacity=capacity,
            registration_phone=structure.telephone or "",
            age_min=EVENT_AGES.get(title, (None, None))[0],
            age_max=EVENT_AGES.get(title, (None, None))[1],
            live=True,
        )
        report(event, True)


def load_resources(report):
    for title, kind, url, description, thematiques in RESOURCES:
        resource, created = Resource.objects.get_or_create(
            title=title,
            defaults={"kind": kind, "url": url, "description": description, "thematiques": thematiques, "live": True},
        )
        if created:
            report(resource, created)


def load_glossary(structures, report):
    for term, expansion, definition, thematiques, url in GLOSSARY:
        entry, created = GlossaryEntry.objects.get_or_create(
            term=term,
            defaults={
                "expansion": expansion,
                "short_definition": definition,
                "thematiques": thematiques,
                "official_url": url,
                "live": True,
            },
        )
        if created:
            key = GLOSSARY_SERVICES.get(term)
            if key:
                services = list(Service.objects.filter(source=SOURCE, source_id__endswith=f"--{key}"))
                entry.services.set(services)
                entry.structures.set({service.structure for service in services})
                entry.save()
            report(entry, created)


def load_orientation(report):
    ensure_default_needs()
    for position, (text, kind, choices) in enumerate(ORIENTATION):
        question, created = OrientationQuestion.objects.get_or_create(
            question=text, defaults={"kind": "choices" if kind == "needs" else kind, "sort_order": position}
        )
        if not created:
            continue
        if kind == "needs":
            for order, need in enumerate(ParentNeed.objects.all()):
                OrientationChoice.objects.create(question=question, label=need.label, need=need, sort_order=order)
        for order, (label, thematiques, publics, ages) in enumerate(choices):
            OrientationChoice.objects.create(
                question=question,
                label=label,
                thematiques=thematiques or None,
                publics=publics or None,
                age_min=ages[0] if ages else None,
                age_max=ages[1] if ages else None,
                sort_order=order,
            )
        report(question, created)
