"""The checker's verdict: which parts a letter has, the sentence that shows each, and the warnings.

:class:`LetterCheck` is what every check returns. :func:`verdict` records
what the checks found, one sentence or None for each part of the letter's
kind (:data:`PARTS`), with the warnings every kind of letter gets: too long,
desperate, pressing, over-excited or bitter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .reading import LetterText, case_blind, needed_words
from .words import DESPERATE, HOSTILE_RX, PRESSURE

#: Longest letter, in words, before the checker says it is too long for its kind.
MAX_WORDS = {
    "thank_you": 250,
    "note": 120,
    "follow_up": 150,
    "rejection_reply": 150,
    "offer_reply": 200,
}
# Desperate and pressing phrases are matched on the letter in lower case.
_DESPERATE = tuple((re.compile(pattern), label) for pattern, label in DESPERATE)
_PRESSURE = tuple((re.compile(pattern), label) for pattern, label in PRESSURE)

#: More exclamation marks than this in one letter read as over-excited.
MAX_EXCLAMATIONS = 2

#: The parts each kind of letter should have, in the playbook's order.
PARTS = {
    "thank_you": ("appreciation", "interest", "strengths", "interviewer", "role"),
    "follow_up": ("reintroduction", "reason", "asks_status"),
    "rejection_reply": ("thanks", "positive", "asks_tips"),
    "offer_reply": ("thanks", "interest", "role"),
}
PARTS["note"] = PARTS["thank_you"]
#: What a reply to an offer does: take it, ask for time to decide, or turn it down.
OFFER_INTENTS = ("accept", "time", "decline")
#: What to do about a reply to an offer that does not say what it does with the offer.
INTENT_UNCLEAR = "say whether you accept, need time to decide, or decline"
#: The codes a :class:`LetterWarning` can carry.
WARNING_CODES = ("too_long", "desperate", "pressure", "exclamations", "bitter", "no_date", "closed_door")


class LetterWarning(str):
    """A warning in plain English; ``code`` names the rule (``"desperate"``, ``"too_long"`` ...)."""

    code: str

    def __new__(cls, code: str, message: str) -> LetterWarning:
        self = super().__new__(cls, message)
        self.code = code
        return self


@dataclass(frozen=True)
class LetterCheck:
    """What a checker found in one letter.

    Attributes
    ----------
    kind : str
        The kind of letter checked: ``thank_you``, ``note``, ``follow_up``,
        ``rejection_reply`` or ``offer_reply``.
    parts : dict of str to bool
        Each part the letter should have, and whether it was found.
    evidence : dict of str to str or None
        For each part, the first sentence that shows it, or None.
    warnings : list of LetterWarning
        Plain-English warnings (each also a ``str``); ``.code`` on each names the rule.
    words : int
        Length of the letter in words.
    intent : str or None
        For a reply to an offer, what it does: ``"accept"``, ``"time"`` (asks
        for time to decide) or ``"decline"``; None when it does not say, and
        for other kinds.
    intent_evidence : str or None
        The sentence that shows the intent.
    expected : tuple of str or None
        The parts this letter should have, when not all of them: a letter that
        declines an offer is not asked to show interest. None means every part.
    """

    kind: str
    parts: dict[str, bool]
    evidence: dict[str, str | None]
    warnings: list[LetterWarning] = field(default_factory=list)
    words: int = 0
    intent: str | None = None
    intent_evidence: str | None = None
    expected: tuple[str, ...] | None = None

    def _expects(self, name: str) -> bool:
        return self.expected is None or name in self.expected

    @property
    def ok(self) -> bool:
        """True when every part the letter should have was found (warnings do not change this)."""
        return all(found for name, found in self.parts.items() if self._expects(name))

    @property
    def missing(self) -> list[str]:
        """The parts not found that the letter should have, in the playbook's order."""
        return [name for name, found in self.parts.items() if not found and self._expects(name)]

    @property
    def flags(self) -> list[str]:
        """The codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    @property
    def clean(self) -> bool:
        """True when the letter is ready to send: every part it should have found, and no warning."""
        return self.ok and not self.warnings

    @property
    def states(self) -> dict[str, str]:
        """Each part, in the playbook's order, and what became of it.

        ``"found"``, ``"missing"``, or ``"not_asked"`` for a part this letter
        need not have (interest, in a letter that declines an offer).
        """
        return {name: "found" if found else "missing" if self._expects(name) else "not_asked"
                for name, found in self.parts.items()}

    def summary(self) -> str:
        """The verdict as a few lines of text, for a terminal or a notebook."""
        lines = []
        if self.kind == "offer_reply":
            lines.append(f"  intent   {self.intent}: \u201c{self.intent_evidence}\u201d" if self.intent
                         else f"  intent   unclear: {INTENT_UNCLEAR}")
        for name, state in self.states.items():
            if state == "found":
                lines.append(f"  found    {name}: \u201c{self.evidence[name]}\u201d")
            elif state == "missing":
                lines.append(f"  MISSING  {name}")
            else:
                lines.append(f"  -        {name}: not asked of a letter that {self.intent}s")
        head = ("all parts found" if self.ok
                else f"missing {', '.join(self.missing)}")
        lines.insert(0, f"{self.kind.replace('_', '-')} check: {head} ({self.words} words)")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _holds(rx: re.Pattern, text: str) -> bool:
    """Whether ``text`` holds a word ``rx`` needs (see :func:`~.reading.needed_words`): else it cannot match.

    ``text`` is the letter as ``rx`` reads it, in :func:`~.reading.case_blind` form for a case-blind ``rx``.
    """
    keys = needed_words(rx)
    return keys is None or any(key in text for key in keys)


@lru_cache(maxsize=256)
def _phrases(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The desperate, pressing and bitter phrases of a letter's text, each as its warning names it."""
    lowered = text.lower()
    said = tuple(label for rx, label in _DESPERATE if _holds(rx, lowered) and rx.search(lowered))
    pushed = tuple(label for rx, label in _PRESSURE if _holds(rx, lowered) and rx.search(lowered))
    hostile = (tuple(sorted({m.group(0).lower() for m in HOSTILE_RX.finditer(text)}))
               if _holds(HOSTILE_RX, case_blind(text)) else ())
    return said, pushed, hostile


def common_warnings(letter: LetterText, kind: str, max_words: int | None) -> list[LetterWarning]:
    """The warnings every kind of letter gets; ``max_words`` None is the kind's :data:`MAX_WORDS`."""
    out: list[LetterWarning] = []
    limit = MAX_WORDS[kind] if max_words is None else max_words
    if letter.words > limit:
        medium = "a handwritten note" if kind == "note" else "an email"
        out.append(LetterWarning(
            "too_long", f"too long for {medium}: {letter.words} words, keep it under {limit}"))
    said, pushed, hostile = _phrases(letter.text)
    if said:
        out.append(LetterWarning(
            "desperate", "sounds desperate: " + ", ".join(f'"{s}"' for s in said)
            + "; stay calm and confident"))
    if pushed:
        out.append(LetterWarning(
            "pressure", "puts pressure on the interviewer (" + ", ".join(pushed)
            + "); ask politely and leave them room to answer"))
    marks = letter.text.count("!")
    if marks > MAX_EXCLAMATIONS or "!!" in letter.text:
        out.append(LetterWarning(
            "exclamations", f"{marks} exclamation marks; one at most reads as calm and sincere"))
    if hostile:
        out.append(LetterWarning(
            "bitter", "sounds bitter (" + ", ".join(f'"{h}"' for h in hostile)
            + "); thank them and stay positive, it keeps the door open"))
    return out


def verdict(kind: str, letter: LetterText, found: dict[str, str | None], max_words: int | None) -> LetterCheck:
    """The check of a letter from what was found: for each part, its sentence, or None when not found.

    A part left out of ``found`` was not looked for and is left out of the verdict.
    """
    return LetterCheck(
        kind=kind,
        parts={name: found[name] is not None for name in PARTS[kind] if name in found},
        evidence={name: found[name] for name in PARTS[kind] if name in found},
        warnings=common_warnings(letter, kind, max_words),
        words=letter.words,
    )

