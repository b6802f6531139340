"""Stage: repair OCR damage in every block's text (``raw`` is never touched), log each fix.

Before → after, on a deck scanned at some point of its life::

    "suivi post-crétion"        → "suivi post-création"     (missing letter, deck spells it)
    "TEXTILES TERMO-CHROMES"    → "TEXTILES THERMO-CHROMES" (prefix before a hyphen)
    "ATELIERS CRÉATI FS"        → "ATELIERS CRÉATIFS"       (space inside a word)
    "AU CŒUR DE CREA FIL"       → "AU CŒUR DE CREAFIL"      (the deck writes CREAFIL elsewhere)

The whole deck's text is the vocabulary the corrector prefers (a word spelt right on one
slide repairs it on another); names the records stage found and the archivist's
``[corrections] keep`` list are never touched, ``[corrections.replace]`` is applied as given.
Every change, and every suggestion not applied, becomes a :class:`~pipeline.model.Correction`.
A word broken by a hyphen at a line end inside a block is joined on the first line
(the block keeps its number of lines). See docs/ocr.md.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import Settings
from ..model import Block, Correction, Deck
from ..ocr import correct_lines
from ..ocr.lexicon import available_languages, lexicon
from ..ocr.tokens import DeckVocabulary

STAGE = "correct_ocr"
MAX_PASSES = 3


def _language(deck: Deck, settings: Settings) -> str | None:
    for lang in (deck.language, settings.language):
        if lang in available_languages():
            return lang
    return None


def _protected_names(deck: Deck) -> list[str]:
    """Speakers' names (whole and in parts) found by the records stage, if it ran first."""
    if deck.records is None:
        return []
    names: list[str] = []
    for speaker in deck.records.speakers:
        names.extend(n for n in (speaker.name, speaker.given_name, speaker.family_name) if n)
        names.extend(speaker.name.split())
    return names


def run(deck: Deck, settings: Settings) -> Deck:
    lang = _language(deck, settings)
    if lang is None:
        return replace(deck, warnings=deck.warnings + (
            f"{STAGE}: no lexicon for language {deck.language!r}; OCR correction skipped",))
    names = _protected_names(deck)
    corrections: list[Correction] = []
    # A fix can teach the deck vocabulary a word that repairs another spelling of it, so
    # correct until nothing changes: the result is a fixed point and a rerun changes nothing.
    for number in range(MAX_PASSES):
        deck, fixes = _correct_pass(deck, lang, settings, names, replace_first=number == 0)
        corrections.extend(fixes)
        if not any(fix.applied for fix in fixes):
            break
    return replace(deck, corrections=deck.corrections + tuple(_unique(corrections)))


def _correct_pass(deck: Deck, lang: str, settings: Settings, names: list[str],
                  replace_first: bool) -> tuple[Deck, list[Correction]]:
    """One pass over the deck; the archivist's replacements only on the first, where they
    apply to the text as read (a replacement that contains its target must not grow)."""
    overrides = settings.overrides
    vocabulary = DeckVocabulary.from_lines(
        (line for _, block in deck.blocks() for line in block.text.split("\n")), lexicon(lang))
    corrections: list[Correction] = []
    slides = []
    for slide in deck.slides:
        blocks: list[Block] = []
        for block in slide.blocks:
            if not block.text.strip():
                blocks.append(block)
                continue
            lines, fixes = correct_lines(block.text.split("\n"), lang, deck_vocabulary=vocabulary,
                                         keep=overrides.correction_keep, names=names,
                                         replacements=overrides.replacements if replace_first else (),
                                         join_hyphenated=True)
            text = "\n".join(lines)
            blocks.append(block if text == block.text else block.with_text(text))
            corrections.extend(Correction(slide.number, fix.before, fix.after, fix.rule,
                                          fix.confidence, fix.applied, STAGE) for fix in fixes)
        slides.append(slide.with_blocks(blocks))
    return deck.with_slides(slides), corrections


def _unique(corrections: list[Correction]) -> list[Correction]:
    """Suggestions repeat on every pass: keep each once, in first-seen order."""
    return list(dict.fromkeys(corrections))
