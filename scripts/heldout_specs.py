"""The three held-out events, one data structure each (rendered by make_heldout_decks.py).

Written by an examiner who had not read the extraction code, with conventions the tuned
decks (tests/fixtures/decks/, raw/) do not use; see docs/heldout-evaluation.md. Slide text
conventions: one string per export line; ``""`` a block break; ``•``/``→``/``✓``/``- `` lines
are bullets (the PPTX writes them as bulleted paragraphs); ``**bold**`` is markdown residue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # left, top, width, height in inches


@dataclass(frozen=True)
class Slide:
    """One slide. ``body``: export lines, ``""`` a block break, glyph or ``- `` lines bullets."""

    title: str
    body: tuple[str, ...] = ()
    layout: str = "content"  # "title", "content", "two" (two columns), "table"
    columns: tuple[tuple[str, ...], ...] = ()  # two speaker cards (layout "two")
    side_by_side: bool = True  # the .txt shows the columns as one layout line per row
    table: tuple[tuple[str, ...], ...] = ()
    furniture: bool = True  # header, footer and slide number
    brand: str = ""  # presenter logo key (Deck.brands)
    ocr: tuple[tuple[str, str], ...] = ()  # (right, damaged): in the .txt only
    kept: tuple[str, ...] = ()  # content that looks like branding and must stay


@dataclass(frozen=True)
class Deck:
    stem: str
    language: str
    widescreen: bool
    header: str  # running header text box ("" none)
    header_box: Box
    logo: tuple[str, ...]  # organiser logo box, on every slide
    logo_box: Box
    footer: str
    footer_placeholder: bool  # False: a plain text box at the bottom
    number: tuple[str, str]  # text before / after the slide-number field
    title_box: Box
    txt_order: tuple[str, ...]  # block roles in the order the .txt export shows them
    title_mark: str  # "# " when the export marks titles as Markdown headings
    slide_break: str
    footer_number_gap: str  # "" = footer and number on separate lines; else the joining spaces
    slides: tuple[Slide, ...]
    brands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    brand_box: Box = (0.0, 0.0, 0.0, 0.0)

    @property
    def lang_tag(self) -> str:
        return {"en": "en-GB", "fr": "fr-FR"}[self.language]



SYMPOSIUM = Deck(
    stem="heldout-en-symposium", language="en", widescreen=False,
    header="CFS 2024", header_box=(0.3, 0.1, 3.0, 0.35),
    logo=("WESTMERE", "centre for coastal resilience"), logo_box=(6.9, 0.08, 2.9, 0.6),
    footer="coastalfutures.westmere.ac.uk", footer_placeholder=True, number=("Slide ", ""),
    title_box=(0.5, 0.7, 9.0, 0.95), txt_order=("header", "title", "body", "logo", "footer"),
    title_mark="", slide_break="\n\n\n", footer_number_gap="",
    slides=(
        Slide("Coastal Futures Symposium 2024", layout="title", furniture=False, body=(
            "Second annual research day of the Westmere Centre for Coastal Resilience",
            "",
            "Living with rising seas: evidence, policy and communities",
            "",
            "Wednesday, 12th June 2024",
            "Harbour Campus, University of Westmere, Kingsport"),
            kept=("Coastal Futures Symposium 2024",
                  "Second annual research day of the Westmere Centre for Coastal Resilience")),
        Slide("Programme at a glance", body=(
            "09.00  Registration and coffee",
            "09.30–09.45  Welcome and opening remarks",
            "09.45–10.30  Keynote",
            "10.30–11.00  Coffee",
            "11.00–12.30  Session 1: Measuring change on the coast",
            "12.30–13.30  Lunch",
            "13.30–14.15  Poster session",
            "14.15–15.30  Session 2: Communities and adaptation",
            "15.30–15.45  Coffee",
            "15.45–16.30  Lightning talks",
            "16.30–16.45  Closing remarks",
            "16.45–18.00  Wine reception")),
        Slide("Welcome and opening remarks", body=(
            "09.30–09.45 · Rachel Carson Lecture Theatre",
            "",
            "**Professor Sarah WHITFIELD-AMBROSE**",
            "Pro-Vice-Chancellor (Research), University of Westmere")),
        Slide("Keynote", body=(
            "Reading the tide: a century of sea-level records around the North Sea",
            "",
            "**Prof. Maria GONZÁLEZ-RUIZ** (Universidad de Cádiz)",
            "",
            "Chair: Dr Tom O'Neill, Senior Lecturer, University of Westmere",
            "9.45 – 10.30 am · Rachel Carson Lecture Theatre")),
        Slide("Why long records matter", body=(
            "• Tide gauges older than 1900 show the acceleration satellites cannot",
            "• Vertical land motion explains half the spread between ports",
            "• Gaps and datum changes must be documented, not smoothed away",
            "",
            "Figure after Church & White (2011); data: PSMSL")),
        Slide("Coffee", body=(
            "10.30–11.00 · Harbour Atrium",
            "Posters go up from 10.30; please find your board number at the desk")),
        Slide("Session 1: Measuring change on the coast", body=(
            "11.00–12.30 · Lecture Theatre 2",
            "Chair: Dr Aisha BELLO (Kingsport University)",
            "",
            "11.00  Drones, dunes and data: twenty years of beach profiles",
            "Dr Kwame Asante (University of Westmere)",
            "11.30  Project: SandWatch, citizen science for eroding beaches",
            "Dr Lucy Pemberton (Kingsport Coastal Trust)",
            "12.00  Storm clustering and sediment budgets",
            "Jonas Lindqvist, PhD candidate, Uppsala University")),
        Slide("Project: SandWatch", body=(
            "Volunteers photograph fixed beach markers after every spring tide; the photos "
            "become a shared record of erosion.",
            "",
            "• 14 beaches, 230 volunteers since 2021",
            "• All data open under CC BY 4.0",
            "",
            "Dr Lucy Pemberton, Science Officer, Kingsport Coastal Trust",
            "lucy.pemberton@kingsportcoast.org.uk",
            "www.sandwatch.org.uk")),
        Slide("What the volunteers found", body=(
            "• Winter 2023–24: up to 9 m of dune lost at Gull Point",
            "• Recovery after storms slower on groyned beaches",
            "",
            "“We used to think the beach would always come back.” – volunteer, Gull Point")),
        Slide("Lunch", body=(
            "12.30–13.30 · Refectory, ground floor",
            "Vegetarian and vegan options; please wear your badge")),
        Slide("Poster session", body=(
            "1:30 PM – 2:15 PM · Harbour Atrium",
            "24 posters by early-career researchers",
            "Poster prize judged by the Kingsport Marine Society")),
        Slide("Session 2: Communities and adaptation", body=(
            "2:15 PM – 3:30 PM · Lecture Theatre 2",
            "Chair: Dr Rebecca Thornton-Hughes, Reader in Human Geography, University of Westmere",
            "",
            "2:15 PM  Who gets to stay? Flood insurance and coastal inequality",
            "Dr Priyanka Desai (London School of Economics)",
            "2:45 PM  Case study: Saltmarsh Lane managed realignment",
            "Ciarán Ó Briain, Flood Risk Manager, Kingsport City Council")),
        Slide("Case study: Saltmarsh Lane managed realignment", body=(
            "Kingsport City Council with the Environment Agency",
            "",
            "• 1.2 km of sea wall breached on purpose in 2022",
            "• 38 ha of new saltmarsh, 17 households relocated",
            "",
            "Ciarán Ó Briain · ciaran.obriain@kingsport.gov.uk",
            "www.kingsport.gov.uk/saltmarsh-lane")),
        Slide("Coffee", body=("15:30 – 15:45 · Harbour Atrium",)),
        Slide("Lightning talks", body=(
            "15:45 · five minutes and one slide each",
            "",
            "• Amira Haddad (University of Westmere): Microplastics in estuary mud",
            "• Ben Okoro (Kingsport University): Mapping saltmarsh from open satellite data",
            "• Chloé Martin (Université de Bretagne Occidentale): Oyster reefs as living breakwaters",
            "• Rhys Llewellyn (Welsh Coastal Observatory): Listening to the seabed")),
        Slide("Closing remarks", body=(
            "16:30",
            "Prof. Helen KAUR, Director, Westmere Centre for Coastal Resilience",
            "Announcement of the poster prize"),
            kept=("Prof. Helen KAUR, Director, Westmere Centre for Coastal Resilience",)),
        Slide("Wine reception", body=(
            "16:45 – 18:00 · Harbour Atrium",
            "All delegates welcome")),
        Slide("Contact", body=(
            "Symposium organisers",
            "Dr Aisha Bello – a.bello@kingsport.ac.uk",
            "Jamie Fraser, Events Coordinator – j.fraser@westmere.ac.uk",
            "",
            "Web: https://coastalfutures.westmere.ac.uk",
            "#CFS2024"),
            kept=("Web: https://coastalfutures.westmere.ac.uk",)),
    ),
)

FORUM = Deck(
    stem="heldout-fr-forum", language="fr", widescreen=False,
    header="", header_box=(0.0, 0.0, 0.0, 0.0),
    logo=("ALLIER", "le Département"), logo_box=(0.2, 6.75, 2.2, 0.7),
    footer="Forum Manger Local – 14 mars 2024", footer_placeholder=True, number=("p. ", ""),
    title_box=(0.5, 0.6, 9.0, 1.05), txt_order=("title", "brand", "body", "logo", "footer"),
    title_mark="", slide_break="\n\n\n\n", footer_number_gap=" " * 24,
    brands={"legumerie": ("LÉGUMERIE DU BOCAGE",), "zerogaspi": ("ZÉRO GASPI 03",)},
    brand_box=(6.3, 0.05, 3.5, 0.4),
    slides=(
        Slide("5e Forum Manger Local", layout="title", furniture=False, body=(
            "Du champ à la cantine : relocaliser la restauration collective",
            "",
            "Jeudi 14 mars 2024 – Moulins, Espace Villars",
            "",
            "Organisé par le Conseil départemental de l'Allier et l'association Terres d'Allier Solidaires"),
            kept=("5e Forum Manger Local",
                  "Organisé par le Conseil départemental de l'Allier et l'association Terres "
                  "d'Allier Solidaires")),
        Slide("Déroulé de la journée", body=(
            "de 8h45 à 9h15 – Accueil café",
            "9h15 – 10h : Plénière d'ouverture",
            "10 h – 11 h 30 : Table ronde « Approvisionner les cantines en produits locaux »",
            "11 h 30 – 12 h 15 : Visite du marché des producteurs",
            "12 h 15 – 13 h 45 : Pause déjeuner",
            "13h45 – 15h15 : Atelier 1 / Atelier 2 (en parallèle)",
            "15h30 – 16h30 : Synthèse et clôture")),
        Slide("Plénière d'ouverture", body=(
            "9h15 – 10h · Grand auditorium",
            "",
            "Ouverture : **Mme Évelyne PRÉVOST**, vice-présidente chargée de l'agriculture, "
            "Conseil départemental de l'Allier",
            "",
            "Intervention : « Manger local : de quoi parle-t-on ? »",
            "Yannick Le Gall, chercheur en économie agricole, INRAE Clermont-Auvergne-Rhône-Alpes")),
        Slide("Manger local : quelques repères", body=(
            "→ 50 % de produits durables, dont 20 % bio : l'objectif de la loi EGalim",
            "→ Dans l'Allier, 12 % de produits locaux en restauration collective (2023)",
            "→ 4 cantines sur 10 sans légumerie à moins de 50 km",
            "",
            "Source : Observatoire régional de l'alimentation"),
            ocr=(("restauration collective (2023)", "restauratíon collective (2023)"),)),
        Slide("Table ronde", body=(
            "« Approvisionner les cantines en produits locaux : qui fait quoi ? »",
            "10 h – 11 h 30",
            "",
            "Animation : Julie MOREAU-TESSIER, journaliste, La Montagne",
            "",
            "Intervenant·e·s :",
            "• M. Patrick AUCLAIR, maraîcher bio à Saint-Pourçain-sur-Sioule",
            "• Mme Sophie MARCHAND-DUBREUIL, directrice de l'agriculture et de l'environnement, "
            "Conseil départemental de l'Allier",
            "• Karim BENSALEM, chef de cuisine, collège Jules-Ferry (Vichy)",
            "• Mme Hélène ROCHE, gérante, SCIC Bocage Bourbonnais"),
            ocr=(("Intervenant·e·s :", "lntervenant·e·s :"),)),
        Slide("Pause déjeuner", body=(
            "12 h 15 – 13 h 45 · Hall d'exposition",
            "Buffet préparé par les producteurs du marché"),
            ocr=(("Pause déjeuner", "Pause dejeuner"),)),
        Slide("Atelier 1 : Légumeries et transformation locale", body=(
            "13h45 – 15h15 · salle Anne-de-Beaujeu",
            "",
            "Animation : Thomas GIRAUD, chargé de mission circuits courts, Chambre d'agriculture de l'Allier",
            "",
            "Intervenant·e·s :",
            "**Claire BESSON**, coordinatrice, Légumerie du Bocage",
            "**Olivier CHASSAGNE**, responsable de production, Cuisine centrale de Montluçon")),
        Slide("Retour d'expérience : la Légumerie du Bocage", brand="legumerie", body=(
            "Une légumerie associative qui lave, épluche et découpe les légumes de 25 maraîchers "
            "pour 40 cantines.",
            "",
            "Claire BESSON – coordinatrice",
            "c.besson@legumerie-bocage.fr – www.legumerie-bocage.fr")),
        Slide("Nos chiffres 2023", brand="legumerie", body=(
            "✓ 180 tonnes de légumes transformés",
            "✓ 6 salariés en insertion",
            "✓ 40 restaurants scolaires livrés"),
            ocr=(("Forum Manger Local – 14 mars 2024", "Forum Manger Loca1 – 14 rnars 2024"),)),
        Slide("Et demain ?", brand="legumerie", body=(
            "Une deuxième ligne de production à Cosne-d'Allier en 2025",
            "Soutien : fonds européen agricole (FEADER)"),
            ocr=(("LÉGUMERIE DU BOCAGE", "LÉGUMERIE DU BOCAQE"),)),
        Slide("Atelier 2 : Moins de gaspillage à la cantine", body=(
            "13h45 – 15h15 · salle des Bourbons",
            "",
            "Animation : Aurélie FAVIER (Terres d'Allier Solidaires)",
            "",
            "Présentation de la démarche « Zéro Gaspi Cantines »",
            "par M. Lucas PEYRONNET, animateur, Zéro Gaspi 03",
            "",
            "Intervenante : Mme Nadia OUCHENE, principale, collège Émile-Guillaumin (Moulins)")),
        Slide("Zéro Gaspi Cantines : la démarche", brand="zerogaspi", body=(
            "1. Peser les restes pendant deux semaines",
            "2. Ajuster les grammages avec les cuisiniers",
            "3. Associer les élèves : « le gaspillage, c'est pas mon plat ! »",
            "",
            "lucas.peyronnet@zerogaspi03.org"),
            ocr=(("le gaspillage", "le gaspi11age"),)),
        Slide("Résultats", brand="zerogaspi", body=(
            "– 34 % de déchets alimentaires en un an dans 12 collèges",
            "www.zerogaspi03.org")),
        Slide("Synthèse et clôture", body=(
            "15h30 – 16h30",
            "",
            "Grand témoin : Marc-Antoine DELORME, sociologue, Université Clermont Auvergne",
            "",
            "Clôture : M. Henri BARDET, président du Conseil départemental de l'Allier")),
        Slide("Merci de votre participation !", body=(
            "Les présentations : www.allier.fr/forum-manger-local",
            "Contact : forum.mangerlocal@allier.fr",
            "",
            "Photos : Pierre Vallat / Département de l'Allier")),
    ),
)

MIXED = Deck(
    stem="heldout-en-mixed", language="en", widescreen=True,
    header="", header_box=(0.0, 0.0, 0.0, 0.0),
    logo=("OPEN BENCH", "network"), logo_box=(10.9, 0.1, 2.2, 0.6),
    footer="Open Lab Hardware Workshop 2024 · #OpenLabHW24", footer_placeholder=False,
    number=("", ""), title_box=(0.6, 0.5, 10.0, 1.0),
    txt_order=("logo", "title", "body", "footer"), title_mark="# ", slide_break="\n\n\n",
    footer_number_gap="",
    slides=(
        Slide("Open Lab Hardware Workshop", layout="title", furniture=False, body=(
            "Build, calibrate and share reproducible instruments",
            "",
            "Tue 8 Oct 2024 · The Engine Shed, Bristol",
            "An Open Bench Network event"),
            kept=("An Open Bench Network event",)),
        Slide("Programme", layout="table", table=(
            ("Time", "Session", "Speaker"),
            ("09:30–10:00", "Arrival, coffee and welcome", "Dr Naomi Fletcher"),
            ("10:00–10:45", "Keynote: Why science needs open hardware", "Prof. Kenji Watanabe"),
            ("10:45–12:30", "Hands-on: build a 3D-printed microscope", "Ruth Adeyemi, Sam Cole"),
            ("12:30–13:30", "Lunch", ""),
            ("13:30–14:15", "Talk: Calibrating low-cost air sensors", "Dr Mateo Silva"),
            ("14:15–15:30", "Show and tell: community projects", "Ines Duarte (host)"),
            ("15:30–16:00", "Wrap-up and next steps", "Dr Naomi Fletcher"))),
        Slide("Meet the speakers", layout="two", columns=(
            ("**Prof. Kenji WATANABE**", "Professor of Bioengineering", "Kyoto Institute of Technology"),
            ("**Dr Mateo Silva**", "Research Software Engineer", "University of Bristol",
             "mateo.silva@bristol.ac.uk"))),
        Slide("Your hosts", layout="two", side_by_side=False, columns=(
            ("**Dr Naomi Fletcher**", "Workshop lead", "Open Bench Network", "naomi@openbench.network"),
            ("**Ines Duarte**", "Community Manager", "Open Bench Network")),
            kept=("Open Bench Network",)),
        Slide("Hands-on: build a 3D-printed microscope", body=(
            "10:45–12:30 · Workshop room B",
            "Facilitators: Ruth Adeyemi (Bristol Robotics Lab) and Sam Cole (Makespace Bristol)",
            "",
            "- Print, assemble and focus your own microscope",
            "- Bring a laptop; kits and tools provided")),
        Slide("Talk: Calibrating low-cost air sensors", body=(
            "13:30–14:15 · Dr Mateo Silva",
            "",
            "- Co-location with a reference monitor for two weeks",
            "- Humidity correction halves the error",
            "- Drift after six months: recalibrate twice a year",
            "",
            "Method after Castell et al. (2017)")),
        Slide("Show and tell: community projects", body=(
            "14:15–15:30 · Hosted by Ines Duarte",
            "",
            "Project: FieldScope, a £40 field microscope for schools",
            "Ruth Adeyemi · ruth@fieldscope.org · fieldscope.org",
            "",
            "Open mic: five minutes for any project in the room")),
        Slide("Wrap-up and next steps", body=(
            "15:30–16:00 · Dr Naomi Fletcher",
            "",
            "- Build guides will be online within a week",
            "- Next workshop: spring 2025, Manchester")),
        Slide("Thank you", body=(
            "Slides and build guides: openbench.network/olhw24",
            "Contact: hello@openbench.network",
            "",
            "Kits funded by the Hedy Lamarr Fund for Open Science")),
    ),
)

DECKS = (SYMPOSIUM, FORUM, MIXED)
