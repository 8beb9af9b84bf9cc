"""Name matching: whether a letter names its interviewer, in full, by title and surname or first name.

The short forms of first names and the titles before a name are in
:mod:`followup_kit.letters.words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .reading import LetterText, fold
from .words import SHORT_FORMS, TITLES, VOCATIVE_END


@lru_cache(maxsize=1024)
def name_rxs(name: str) -> tuple[re.Pattern, ...]:
    """Patterns that find the interviewer: full name, title and surname, first name, or its short form.

    A short form is one listed for the first name in
    :data:`~followup_kit.letters.words.SHORT_FORMS` ("Bill" for William,
    "Sam" for Samantha or Samuel, "Mo" for Mohammed), written with a capital
    and used to address the reader, so a comma, "!" or the end of the line
    follows it: "Hi Sam!" counts. Other names that merely begin the same way
    ("Robert" for Roberta, "Maria" for Marianne) are other people and do not count.
    """
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w and not re.fullmatch(TITLES, w, re.I)]
    if not words:
        return ()
    full = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    surname = re.compile(rf"\b{TITLES}\s+{re.escape(words[-1])}\b", re.IGNORECASE)
    # A first name counts only when capitalised, so "Will" is found but "I will" is not.
    first = words[0][:1].upper() + words[0][1:]
    given = re.compile(rf"(?<![\w'-]){re.escape(first)}(?![\w'-])")
    short = SHORT_FORMS.get(words[0].lower())
    if not short:
        return (full, surname, given)
    forms = "|".join(re.escape(n.capitalize()) for n in sorted(short, key=len, reverse=True))
    nickname = re.compile(rf"(?<![\w'-])(?:{forms}){VOCATIVE_END}")
    return (full, surname, given, nickname)


def find_interviewer(letter: LetterText, name: str) -> str | None:
    """The first sentence that names the interviewer, by the first of :func:`name_rxs` found in the letter."""
    return next((s for rx in name_rxs(name) if (s := letter.find(rx)) is not None), None)
