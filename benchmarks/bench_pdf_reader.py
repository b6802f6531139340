"""Speed and memory of the PDF reader against MarkItDown on a generated 60-page slide PDF.

Usage: python benchmarks/bench_pdf_reader.py [--pages 60] [--runs 5] [--pdf FILE]

Each method runs in a fresh process (imports included in "process CPU", as a user of the
command line pays them); "convert CPU" is the CPU time of the conversion call alone.
CPU seconds, not wall time: they stay stable on a shared machine. Median of --runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
METHODS = ("pypdfium2_text", "deckpipe", "pdfplumber_text", "markitdown")


def make_deck(path: Path, pages: int) -> None:
    """A deck-like PDF: title, 3-6 bullets with a sub-bullet, a table every 5th page, footer, page number."""
    from reportlab.pdfgen import canvas

    width, height = 960, 540
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 32)
        pdf.drawString(60, height - 80, f"Session {number}: innovation et territoires numériques")
        y = height - 150
        for item in range(3 + number % 4):
            pdf.setFont("Helvetica", 20)
            pdf.drawString(70, y, "•")
            pdf.drawString(95, y, f"Point {item + 1} de la session {number}, un texte assez long pour être réaliste")
            y -= 34
            if item == 1:
                pdf.setFont("Helvetica", 16)
                pdf.drawString(110, y, "–")
                pdf.drawString(130, y, "Sous-point détaillé avec quelques mots")
                y -= 28
        if number % 5 == 0:
            pdf.setFont("Helvetica", 12)
            for row in range(4):
                for col in range(3):
                    pdf.drawString(500 + col * 120, 200 - row * 20, f"Cell {row}.{col}")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(60, 20, "Rencontres Exemple 2012 – Lyon")
        pdf.drawRightString(width - 40, 20, f"{number} / {pages}")
        pdf.showPage()
    pdf.save()


def prepare(method: str) -> Callable[[Path], int]:
    """Import what ``method`` needs; return its conversion, which gives the characters produced."""
    if method == "deckpipe":
        sys.path.insert(0, str(REPO))
        from pipeline.readers import read, reader_for

        reader_for("pdf")  # import the PDF reader module (and pypdfium2) before timing
        return lambda path: sum(len(b.raw) for _, b in read(path).blocks())
    if method == "markitdown":
        from markitdown import MarkItDown

        converter = MarkItDown()
        return lambda path: len(converter.convert(str(path)).text_content)
    if method == "pdfplumber_text":
        import pdfplumber

        def plumber(path: Path) -> int:
            with pdfplumber.open(str(path)) as pdf:
                return sum(len(page.extract_text() or "") for page in pdf.pages)
        return plumber
    if method == "pypdfium2_text":
        import pypdfium2

        def pdfium(path: Path) -> int:
            doc = pypdfium2.PdfDocument(str(path))
            return sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
        return pdfium
    raise ValueError(method)


def child(method: str, path: Path) -> None:
    conversion = prepare(method)
    started = time.process_time()
    chars = conversion(path)
    convert_cpu = time.process_time() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"chars": chars, "convert_cpu": convert_cpu,
                      "process_cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or Path(tmp) / f"deck{args.pages}.pdf"
        if not args.pdf:
            make_deck(path, args.pages)
        print(f"{path.name}: {path.stat().st_size} bytes")
        print(f"{'method':<16} {'chars':>7} {'convert CPU s':>14} {'process CPU s':>14} {'peak MiB':>9}")
        for method in METHODS:
            results = [json.loads(subprocess.run([sys.executable, __file__, "--child", method, str(path)],
                                                 check=True, capture_output=True, text=True).stdout)
                       for _ in range(args.runs)]
            print(f"{method:<16} {results[0]['chars']:>7} "
                  f"{statistics.median(r['convert_cpu'] for r in results):>14.3f} "
                  f"{statistics.median(r['process_cpu'] for r in results):>14.3f} "
                  f"{max(r['peak_mib'] for r in results):>9.0f}")


if __name__ == "__main__":
    main()
