"""A slide that presents an initiative: its name as the title, what it does below.

``The Open Tools Institute / A national facility for …``, ``River Data Workgroup / Define
shared data standards …``, ``Observatoire des données locales / …``.
The title is a name (capitalised words in English, a capital and two more words after the
head in French; no sentence punctuation, at most ``MAX_WORDS`` words) whose head noun is an initiative's (``[projects] initiative_heads`` of the cue file,
at the end of an English name, at the start of a French one: ``initiative_head``) with at
least one more word, no session kind (``Consortium Building Workshop`` is a session), and
the slide has text under it. The cover is the event's, not an initiative's.
"""

from __future__ import annotations

from ..lexicon import tokens
from ..lines import Line
from ..projects import ProjectDraft
from .candidate import Candidate, Context

NAME = "initiative_slide"
SCORE = 0.6
MAX_WORDS = 8
MIN_WORDS_AFTER_HEAD = 2  # a French name in sentence case: "Projet en cours" names nothing
_SENTENCE_MARKS = set(":?!;|,")


def initiative_name(line: Line, ctx: Context) -> bool:
    text = line.text.strip()
    words = [w for w in tokens(text) if not w.text.isdigit()]
    if not 2 <= len(words) <= MAX_WORDS or _SENTENCE_MARKS & set(text) or text.endswith(".") \
            or ctx.people.looks_like_person_line(text):
        return False
    content = [w for w in words if w.folded not in ctx.lex.determiners | ctx.lex.name_connectors]
    if len(content) < 2 or ctx.lex.match_kind(words)[0] or ctx.lex.match_kind_at_end(words):
        return False
    if ctx.lex.initiative_head_first:  # sentence case: "Observatoire open data des territoires"
        return content[0].folded in ctx.lex.initiative_heads and content[0].text[:1].isupper() \
            and len(content) >= MIN_WORDS_AFTER_HEAD + 1
    capitalised = all(w.text[:1].isupper() or not w.text.isalpha() for w in content)
    return capitalised and content[-1].folded in ctx.lex.initiative_heads


def propose(ctx: Context) -> list[Candidate]:
    slides = ctx.slides()
    cover = min(slides) if slides else None
    candidates = []
    for slide_no, lines in slides.items():
        if slide_no == cover or len(lines) < 2:
            continue
        title = next((line for line in lines if line.is_title), None)
        if title is None or not initiative_name(title, ctx) or ctx.lex.programme_headings.match(tokens(title.text)):
            continue
        evidence = f"slide {slide_no} is titled by the initiative's name and describes it"
        project = ProjectDraft(title.text.strip(), "", None, slide_no, slide_no, line=title.index,
                               confidence=SCORE, evidence=f"{NAME}: {evidence}")
        candidates.append(Candidate(NAME, frozenset({title.index}), SCORE, evidence, projects=[project]))
    return candidates
