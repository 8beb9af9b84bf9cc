"""How the checker reads a letter: sentences, folded text, tokens, negation and interest in this job.

A letter is read once into its sentences, each as written (to show a coach)
and folded (to match the phrases of :mod:`followup_kit.letters.words`).
:meth:`LetterText.find` gives the first sentence a phrase is found in, leaving
out sign-offs and negated phrases when asked. :func:`find_interest` is the
reading that needs more than one phrase: interest that is not denied, not in
another job and not in a letter that turns the job down.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import FollowupKitError
from .words import (
    ABBREVIATION,
    AS_JOB,
    AT_ANOTHER_EMPLOYER,
    AT_THIS_EMPLOYER,
    DECLINE,
    INTENSIFYING_NOT,
    INTEREST,
    JOB_AT,
    JOB_TITLE_ENDS,
    NAMED_JOB,
    NEGATION,
    NEUTRAL_JOB_WORDS,
    PLACED_AT,
    SIGN_OFF,
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Drop accents and unify quotes and dashes, keeping case: "Zoë Ngũgĩ" -> "Zoe Ngugi"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sentences(text: str) -> list[str]:
    """Split a letter into sentences; each line (a greeting, a bullet) ends a sentence too."""
    out: list[str] = []
    for line in text.splitlines():
        pieces = [p for p in re.split(r"(?<=[.!?])\s+", line.strip()) if p]
        merged: list[str] = []
        for piece in pieces:
            if merged and ABBREVIATION.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend(merged)
    return out


def word_count(text: str) -> int:
    """Words in a letter, as a word processor counts them."""
    return len(re.findall(r"\S+", text))


def tokens(text: str) -> list[str]:
    """The words of a text, folded and in lower case, a plural's trailing s dropped: "Pickers" -> "picker"."""
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def negated(sentence: str, match: re.Match) -> bool:
    """Whether a "not" (or "never", "no longer", "n't") up to three words before ``match`` denies it."""
    text = sentence.lower()
    negation = NEGATION.search(text[:match.start()])
    if negation is None:
        return False
    return INTENSIFYING_NOT.match(text[negation.start():]) is None


@dataclass(frozen=True)
class LetterText:
    """A letter read into sentences: as written (``shown``) and folded, with its length in words."""

    shown: list[str]
    folded: list[str]
    words: int
    text: str

    @classmethod
    def read(cls, text: str) -> LetterText:
        if not isinstance(text, str):
            raise FollowupKitError(f"a letter to check must be text, not {type(text).__name__}")
        shown = sentences(text)
        return cls(shown, [fold(s) for s in shown], word_count(text), fold(text))

    def find(self, rx: re.Pattern, *, skip_sign_offs: bool = False, negatable: bool = False) -> str | None:
        """The first sentence, as written, that ``rx`` matches, or None.

        ``skip_sign_offs`` leaves out a short closing line ("Many thanks,");
        ``negatable`` leaves out a match that a "not" before it denies.
        """
        for shown, folded in zip(self.shown, self.folded, strict=True):
            if skip_sign_offs and SIGN_OFF.match(folded) and word_count(folded) <= 3:
                continue
            for match in rx.finditer(folded):
                if negatable and negated(folded, match):
                    continue
                return shown
        return None


def elsewhere(after: str, own: list[str]) -> bool:
    """Whether tokens right after a job ("at Acme", "at your sister restaurant") place it at another employer.

    ``own`` is this employer's name as :func:`tokens` gives it, empty when it is
    not known. "At your sister restaurant" is another employer either way; "at
    Acme" only when the employer is known and is not Acme, as without its name
    "at Savannah Freight" may well be this very job.
    """
    following = PLACED_AT.match(after)
    if following is None or re.match(AT_THIS_EMPLOYER, following.group(1)):
        return False
    if re.match(AT_ANOTHER_EMPLOYER, following.group(1)):
        return True
    return bool(own) and following.group(2) != own[0]


def other_job(sentence: str, match: re.Match, role_rx: re.Pattern | None, own: list[str]) -> bool:
    """Whether interest found at ``match`` is in a job other than this one.

    "I'd really like the driver job" for a picker, "I would love to join as
    pastry cook" for a line cook, "excited about the designer position at
    Acme" for a job at Pixel. Only the first job word from the interest onward
    is placed: "excited about the picker role, after two years in my last job
    at Tesco" keeps the interest, as the Tesco job is another matter.
    ``own`` is this employer's name as :func:`tokens` gives it.
    """
    after = " ".join(tokens(sentence[match.start():]))
    job = JOB_AT.search(after)
    if job is not None and elsewhere(after[job.end():], own):
        return True
    if role_rx is None:
        return False
    named = NAMED_JOB.search(match.group(0))
    if named is not None:
        words = [w for w in tokens(named.group(1)) if w not in NEUTRAL_JOB_WORDS]
        return bool(words) and role_rx.search(" ".join(words) + " job") is None
    asked = AS_JOB.match(sentence[match.end():].lower())
    if asked is not None:
        said = " ".join(tokens(JOB_TITLE_ENDS.split(asked.group(1))[0]))
        return role_rx.search(f"work as {said}") is None
    return False


def find_interest(letter: LetterText, role_rx: re.Pattern | None, company: str) -> str | None:
    """The first sentence that shows interest in this job: not negated, not another job, not a decline.

    ``role_rx`` is the role's pattern (see :func:`followup_kit.letters.roles.role_rx`),
    None when the role is not known.
    """
    if letter.find(DECLINE) is not None:
        return None
    own = tokens(company)
    for shown, folded in zip(letter.shown, letter.folded, strict=True):
        for match in INTEREST.finditer(folded):
            if not negated(folded, match) and not other_job(folded, match, role_rx, own):
                return shown
    return None
