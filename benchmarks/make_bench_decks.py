"""Generate the benchmark decks: an event programme of 10, 60 and 300 slides, each as
PPTX (python-pptx), PDF (reportlab) and a text export, with the same text in all three.

    python benchmarks/make_bench_decks.py [OUT_DIR]     # default: benchmarks/decks/

Each slide looks like a real event deck: a session title, 3-6 bullets naming speakers with
their role and organisation (and now and then an e-mail or a web site), the organiser's
footer and a slide number on every slide; a table every 5th slide, a group of two cards
every 4th, speaker notes every 3rd. The text is drawn from a fixed seed: the files are
the same on every run.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

SIZES = (10, 60, 300)
FORMATS = ("pptx", "pdf", "txt")
FOOTER = "Forum de l'économie solidaire 2024 - Lyon"
WARMUP_SLIDES, WARMUP_SEED = 20, 7
BATCH_SEED = 10_000
DEFAULT_OUT = Path(__file__).resolve().parent / "decks"

_GIVEN = ["Marie", "Jean", "Sophie", "Ahmed", "Claire", "Luc", "Nadia", "Pierre", "Élodie", "Karim",
          "Anne-Sophie", "Jean-Marc", "Léa", "Thomas", "Fatou", "Hélène"]
_FAMILY = ["DUPONT", "MARTIN", "BERNARD", "LEFÈVRE", "MOREAU", "GIRARD", "BENALI", "ROUSSEAU",
           "FOURNIER", "N'DIAYE", "DE LA FONTAINE", "CHEVALIER", "MERCIER", "BLANC"]
_ROLES = ["Directrice", "Directeur", "Chargée de mission", "Président", "Vice-présidente",
          "Responsable du développement", "Coordinateur", "Fondatrice"]
_ORGS = ["Cité du design", "CRESS Auvergne-Rhône-Alpes", "Saint-Étienne Métropole", "Région Rhône-Alpes",
         "Association Entreprendre Ensemble", "Coopérative Oxalis", "France Active Loire", "Réseau Alliance"]
_KINDS = ["Accueil", "Introduction", "Table ronde", "Atelier", "Conférence", "Présentation de projet",
          "Pause café", "Conclusion"]
_TOPICS = ["l'emploi des jeunes", "les circuits courts", "la finance solidaire", "l'habitat partagé",
           "la mobilité rurale", "le réemploi", "l'insertion par l'activité économique", "les tiers-lieux"]
_WORDS = ("projet territoire coopération acteurs développement innovation sociale emploi formation "
          "entreprises partenaires réseau accompagnement solidarité économie local habitants").split()


@dataclass(frozen=True)
class BenchSlide:
    title: str
    bullets: tuple[str, ...]
    notes: str = ""
    table: tuple[tuple[str, ...], ...] = ()
    cards: tuple[str, ...] = ()


def programme(slides: int, seed: int = 2024) -> list[BenchSlide]:
    """The deck's text, slide by slide."""
    rng = random.Random(seed + slides)
    deck = []
    for number in range(1, slides + 1):
        kind = _KINDS[(number - 1) % len(_KINDS)]
        hour, minute = 9 + (number // 4) % 9, (number * 15) % 60
        title = f"{kind} {number // len(_KINDS) + 1} : {rng.choice(_TOPICS)} ({hour}h{minute:02d})"
        bullets = []
        for _ in range(3 + number % 4):
            given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
            line = f"{given} {family}, {rng.choice(_ROLES)}, {rng.choice(_ORGS)}"
            if rng.random() < 0.2:
                line += f" - {given.lower()}.{family.lower().replace(' ', '')}@exemple.org"
            bullets.append(line)
        bullets.append(" ".join(rng.choice(_WORDS) for _ in range(12)).capitalize() + ".")
        table = (tuple((f"{9 + r}h00", rng.choice(_KINDS), rng.choice(_ORGS)) for r in range(3))
                 if number % 5 == 0 else ())
        cards = (f"Projet {rng.choice(_WORDS)}\nwww.{rng.choice(_WORDS)}.org",
                 f"Contact\n{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}") if number % 4 == 0 else ()
        notes = f"Notes : présenter {rng.choice(_TOPICS)}." if number % 3 == 0 else ""
        deck.append(BenchSlide(title, tuple(bullets), notes, table, cards))
    return deck


def text_export(deck: list[BenchSlide]) -> str:
    """The text export: slides separated by blank-line runs, as the sample deck is."""
    parts = []
    for number, slide in enumerate(deck, 1):
        lines = [slide.title, ""] + [f"- {b}" for b in slide.bullets]
        lines += [" | ".join(row) for row in slide.table]
        lines += [card.replace("\n", " ") for card in slide.cards]
        lines += ["", FOOTER, str(number)]
        parts.append("\n".join(lines))
    return "\n\n\n\n".join(parts) + "\n"


def write_pptx(deck: list[BenchSlide], path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for number, slide_text in enumerate(deck, 1):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = slide_text.title
        body = slide.placeholders[1]
        body.left, body.top, body.width, body.height = Inches(0.6), Inches(1.6), Inches(7.6), Inches(5)
        frame = body.text_frame
        for index, bullet in enumerate(slide_text.bullets):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = bullet
            paragraph.font.size = Pt(16)
        footer = slide.shapes.add_textbox(Inches(0.6), Inches(6.9), Inches(8), Inches(0.4))
        footer.text_frame.text = FOOTER
        footer.text_frame.paragraphs[0].font.size = Pt(10)
        page = slide.shapes.add_textbox(Inches(12.2), Inches(6.9), Inches(0.8), Inches(0.4))
        page.text_frame.text = str(number)
        if slide_text.table:
            shape = slide.shapes.add_table(3, 3, Inches(8.5), Inches(1.6), Inches(4.4), Inches(1.5))
            for r, row in enumerate(slide_text.table):
                for c, cell in enumerate(row):
                    shape.table.cell(r, c).text = cell
        if slide_text.cards:
            group = slide.shapes.add_group_shape()
            for k, card in enumerate(slide_text.cards):
                box = group.shapes.add_textbox(Inches(8.5 + 2.2 * k), Inches(4.5), Inches(2.1), Inches(1))
                box.text_frame.text = card
        if slide_text.notes:
            slide.notes_slide.notes_text_frame.text = slide_text.notes
    prs.save(path)


def write_pdf(deck: list[BenchSlide], path: Path) -> None:
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(candidate).is_file():  # a Unicode font when one is installed (accents, quotes)
            pdfmetrics.registerFont(TTFont("DejaVuSans", candidate))
            font = "DejaVuSans"
    width, height = 13.333 * inch, 7.5 * inch
    page = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    for number, slide in enumerate(deck, 1):
        page.setFont(font, 26)
        page.drawString(0.6 * inch, height - 1.0 * inch, slide.title)
        page.setFont(font, 16)
        y = height - 1.9 * inch
        for bullet in slide.bullets:
            page.drawString(0.7 * inch, y, "• " + bullet)
            y -= 0.42 * inch
        for r, row in enumerate(slide.table):
            for c, cell in enumerate(row):
                page.drawString((8.5 + 1.5 * c) * inch, height - (1.9 + 0.4 * r) * inch, cell)
        for k, card in enumerate(slide.cards):
            for line_no, line in enumerate(card.split("\n")):
                page.drawString((8.5 + 2.2 * k) * inch, height - (4.8 + 0.3 * line_no) * inch, line)
        page.setFont(font, 10)
        page.drawString(0.6 * inch, 0.35 * inch, FOOTER)
        page.drawRightString(width - 0.5 * inch, 0.35 * inch, str(number))
        page.showPage()
    page.save()


def warmup_path(deck: Path) -> Path:
    """The warm-up deck beside a benchmark deck: same format, other text (another seed).

    Timings are taken after one conversion of this deck, not of the measured one, so that
    caches keyed on lines or words are as warm as in a batch of an organiser's decks, and no
    warmer: a repeat of the same file would find every line already cached.
    """
    return deck.with_name(f"warmup{deck.suffix}")


def build(out_dir: Path = DEFAULT_OUT, sizes: tuple[int, ...] = SIZES) -> dict[tuple[str, int], Path]:
    """Write every benchmark deck and the warm-up decks (skipping those already there);
    {(format, slides): path}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for slides in sizes:
        deck = programme(slides)
        for fmt in FORMATS:
            paths[(fmt, slides)] = _write(deck, out_dir / f"bench-{slides}.{fmt}")
    for fmt in FORMATS:
        _write(programme(WARMUP_SLIDES, seed=WARMUP_SEED), warmup_path(out_dir / f"bench.{fmt}"))
    return paths


def batch_decks(fmt: str, count: int, folder: Path, slides: int = 60) -> list[Path]:
    """``count`` different decks of ``slides`` slides (one seed each), for batch runs: copies
    of one file would let every deck after the first hit the caches of the one before."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_write(programme(slides, seed=BATCH_SEED + n), folder / f"deck{n:04d}.{fmt}") for n in range(count)]


def _write(deck: list[BenchSlide], path: Path) -> Path:
    if not path.is_file():
        if path.suffix == ".txt":
            path.write_text(text_export(deck), encoding="utf-8")
        elif path.suffix == ".pptx":
            write_pptx(deck, path)
        else:
            write_pdf(deck, path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    for (fmt, slides), path in sorted(build(target).items()):
        print(f"{fmt:5} {slides:4} slides  {path}")
