"""Name matching: whether a letter names its interviewer, in full, by title and surname or first name.

The short forms of first names and the titles before a name are in
:mod:`followup_kit.letters.words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .reading import LetterText, Sentence, fold
from .words import ADDRESS_TITLES, MISSPELT_FROM, SHORT_FORMS, TITLES, VOCATIVE_END


@lru_cache(maxsize=1024)
def name_rxs(name: str) -> tuple[re.Pattern, ...]:
    """Patterns that find the interviewer: full name, title and surname, first name, or its short form.

    The title may be one of address for a post ("Chef Bellini", "Principal
    Romero", "Madam Cooper"; :data:`~followup_kit.letters.words.ADDRESS_TITLES`).

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
    surname = re.compile(rf"\b(?:{TITLES}|{ADDRESS_TITLES})\s+{re.escape(words[-1])}\b", re.IGNORECASE)
    # A first name counts only when capitalised, so "Will" is found but "I will" is not.
    first = words[0][:1].upper() + words[0][1:]
    given = re.compile(rf"(?<![\w'-]){re.escape(first)}(?![\w'-])")
    short = SHORT_FORMS.get(words[0].lower())
    if not short:
        return (full, surname, given)
    forms = "|".join(re.escape(n.capitalize()) for n in sorted(short, key=len, reverse=True))
    nickname = re.compile(rf"(?<![\w'-])(?:{forms}){VOCATIVE_END}")
    return (full, surname, given, nickname)


# A title and the word after it, to read that word as a surname perhaps misspelt.
_TITLED = re.compile(rf"\b(?:{TITLES}|{ADDRESS_TITLES})\s+([A-Z][\w'-]+)", re.IGNORECASE)


def _one_slip(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` with one letter wrong, left out or added, or two next to each other swapped."""
    if written == name or abs(len(written) - len(name)) > 1:
        return False
    if len(written) == len(name):
        wrong = [i for i, (a, b) in enumerate(zip(written, name, strict=True)) if a != b]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and written[wrong[0]] == name[wrong[1]] and written[wrong[1]] == name[wrong[0]])
    short, long = sorted((written, name), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _titled_surname(sentence: Sentence, surname: str) -> bool:
    return any(_one_slip(m.group(1).lower(), surname) for m in _TITLED.finditer(sentence.folded))


def find_interviewer(letter: LetterText, name: str) -> str | None:
    """The first sentence that names the interviewer, by the first of :func:`name_rxs` found in the letter.

    A surname after a title may be misspelt by one letter ("Ms Kowalsky" for
    Agnieszka Kowalski) when it is :data:`~followup_kit.letters.words.MISSPELT_FROM`
    letters long or longer: a slip, not another person.
    """
    found = next((s for rx in name_rxs(name) if (s := letter.find(rx)) is not None), None)
    words = fold(name).split()
    if found is None and words and len(words[-1]) >= MISSPELT_FROM:
        found = letter.first(_titled_surname, words[-1].lower())
    return found
