"""Line-level removals shared by the cleaning stages (decoration, branding).

A stage decides, line by line, what leaves a block and why (a :class:`Verdict` per line
index); :func:`apply_verdicts` rebuilds the block's text without those lines and logs
what went. Keeping this in one place means every stage logs the same way:

- a block whose lines all go for one reason is logged once, with its whole text
  (a two-line logo is one removal, not two);
- otherwise each removed line is logged on its own.

:class:`KeepList` is the archivist's "never remove" list from the overrides file; every
stage asks it before taking a line out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .model import Block, Removal, RemovalReason
from .textnorm import fold


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why one line leaves ``text_clean``; ``detail`` says what was seen ("on 9 of 79 slides")."""

    reason: RemovalReason
    detail: str


def apply_verdicts(slide_no: int, block: Block, verdicts: Mapping[int, Verdict],
                   stage: str) -> tuple[Block, list[Removal]]:
    """``block`` without the lines named in ``verdicts`` (indexes into ``text.split("\\n")``)."""
    lines = block.text.split("\n")
    gone = [i for i in sorted(verdicts) if i < len(lines) and lines[i].strip()]
    if not gone:
        return block, []
    kept = [line for i, line in enumerate(lines) if i not in verdicts and line.strip()]
    reasons = {verdicts[i].reason for i in gone}
    if not kept and len(reasons) == 1:
        detail = "; ".join(dict.fromkeys(verdicts[i].detail for i in gone))
        return block.with_text(""), [Removal(slide_no, block.text.strip(), reasons.pop(), stage, detail)]
    removals = [Removal(slide_no, lines[i].strip(), verdicts[i].reason, stage, verdicts[i].detail)
                for i in gone]
    return block.with_text("\n".join(kept)), removals


class KeepList:
    """Phrases an archivist wants kept: a line containing one (as whole words, compared
    without case, accents or punctuation) is never removed by any cleaning stage."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._keys = tuple(f" {key} " for key in (fold(p) for p in phrases) if key)

    def protects(self, text: str) -> bool:
        if not self._keys:
            return False
        padded = f" {fold(text)} "
        return any(key in padded for key in self._keys)
