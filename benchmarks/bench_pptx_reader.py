"""CPU time of the PPTX reader on a generated 60-slide deck (the peer tools' benchmark shape).

The deck mirrors guides/peer-tools.md: 60 slides of 3-6 bullets, a footer text box on
every slide, a table every 5th slide, a group every 4th, notes every 3rd.

    python benchmarks/bench_pptx_reader.py [--deck PATH] [--repeat 7]

Prints the median CPU seconds of: opening the package (python-pptx), the whole
``pipeline.readers.pptx.read`` call, and ``pipeline.readers.read`` (adds format
detection and the sha256).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pptx
from pptx.util import Inches, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import Settings  # noqa: E402
from pipeline.readers import read as read_deck  # noqa: E402
from pipeline.readers.pptx import read as read_pptx  # noqa: E402


def make_deck(path: Path, slides: int = 60) -> Path:
    prs = pptx.Presentation()
    for number in range(1, slides + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Session {number}: a talk about topic {number}"
        body = slide.placeholders[1].text_frame
        for bullet in range(3 + number % 4):
            paragraph = body.paragraphs[0] if bullet == 0 else body.add_paragraph()
            paragraph.text = f"Point {bullet} of slide {number}, with a few more words"
            paragraph.level = bullet % 2
        footer = slide.shapes.add_textbox(Inches(0.5), Inches(7), Inches(9), Inches(0.4))
        footer.text_frame.text = "Acme Events 2024 - Lyon"
        footer.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
        if number % 5 == 0:
            table = slide.shapes.add_table(3, 3, Inches(5), Inches(4), Inches(4), Inches(1.5)).table
            for r in range(3):
                for c in range(3):
                    table.cell(r, c).text = f"r{r}c{c}"
        if number % 4 == 0:
            group = slide.shapes.add_group_shape()
            for k in range(2):
                group.shapes.add_textbox(Inches(1 + 3 * k), Inches(5.5), Inches(2.5), Inches(0.8)).text_frame.text = f"Card {k}\nRole {k}"
        if number % 3 == 0:
            slide.notes_slide.notes_text_frame.text = f"Speaker notes for slide {number}."
    prs.save(path)
    return path


def cpu_median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deck", type=Path, help="deck to time (default: a generated 60-slide deck)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        deck = args.deck or make_deck(Path(tmp) / "deck60.pptx")
        settings = Settings()
        read_pptx(deck, settings)  # warm imports and caches of the interpreter
        opening = cpu_median(lambda: pptx.Presentation(str(deck)), args.repeat)
        reader = cpu_median(lambda: read_pptx(deck, settings), args.repeat)
        whole = cpu_median(lambda: read_deck(deck, settings), args.repeat)
        blocks = sum(len(slide.blocks) for slide in read_pptx(deck, settings).slides)
    print(f"deck: {deck.name if args.deck else 'generated 60 slides'}, {blocks} blocks")
    print(f"python-pptx open          {opening:.4f} s CPU (median of {args.repeat})")
    print(f"readers.pptx.read         {reader:.4f} s CPU  (extraction alone ~{reader - opening:.4f} s)")
    print(f"readers.read (+detect, sha256) {whole:.4f} s CPU")


if __name__ == "__main__":
    main()
