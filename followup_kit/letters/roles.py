"""Role matching: whether a letter names the role of its interview, in full or loosely.

:func:`role_rx` turns a role's title into a pattern over a sentence's tokens
(see :func:`followup_kit.letters.reading.tokens`); :func:`find_role` gives
the first sentence that names the role, not to deny it and not as a job at
another employer. The words it is built from are in :mod:`followup_kit.letters.words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .reading import LetterText, Sentence, elsewhere, lemma, negated, tokens
from .words import (
    BEFORE_ROLE,
    GENERIC_HEADS,
    HEAD_SYNONYMS,
    JOB_WORDS,
    LEVEL_WORDS,
    ONLY_THIS_JOB,
    STEM_ENDINGS,
    WORKING_AS,
)


def _stem(word: str) -> str:
    """The part of a title word that its other forms share: designer~design, teacher~teaching."""
    for suffix in STEM_ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=1024)
def role_rx(role: str) -> re.Pattern | None:
    """A pattern over a sentence's tokens that finds the role, written in full or loosely.

    In full, every title word in order, level words ("Senior", "II") left out.
    Loosely, the title's head noun, or a word sharing its stem, next to a job
    word: "the picker job" for Warehouse Picker, "the UX design role" for Junior
    UX Designer, "a post as teacher". The word before the head must be a title
    word or a small word like "the", so "the marketing analyst role" is not the
    Data Analyst role. A general head noun (manager, assistant, officer ...)
    needs the full title, or the words before it as a job: "the cleaning job"
    for Cleaning Operative, "the Class 1 job" for HGV Class 1 Driver (after
    "the", "this", "your" ..., not "my": "my cleaning job" was another one).
    A title of three words or more may be its initials, as a job: "as an RVN".
    In full, the head may name the scheme: "electrical apprenticeship". The
    group ``full`` (or ``full_as``, after "as") is set when the title is written in full.
    """
    core = tokens(re.sub(r"\(.*?\)", " ", role))
    kept = [t for t in core if t not in LEVEL_WORDS] or core
    if not kept:
        return None
    # In full, the head may name the scheme rather than the person: "Electrical apprenticeship".
    full = r" ".join(re.escape(t) for t in kept) + r"(?:ship)?\b"
    looks = [rf"(?P<full>\b{full})"]
    head, modifiers = kept[-1], [t for t in kept[:-1] if not t.isdigit()]
    words = [t for t in kept if not t.isdigit()]
    if len(words) >= 3:
        # Initials of three words or more, as a job: "as an RVN" for Registered Veterinary Nurse.
        initials = re.escape("".join(t[0] for t in words))
        looks.append(rf"\b(?:as (?:a |an |the )?|(?:the|your|this) ){initials}\b|\b{initials} {JOB_WORDS}\b")
    # The title without its head, as a job: "the cleaning job", "the Class 1 job".
    before_head = core[:len(core) - 1 - core[::-1].index(head)]
    for start in range(len(before_head)):
        lead = before_head[start:]
        if not lead[0].isdigit() and any(len(t) > 2 and t not in GENERIC_HEADS for t in lead):
            # As written or as its lemma, as interest is read: "this cleaning job" reads "this clean job".
            said = " ".join(f"(?:{re.escape(t)}|{re.escape(lemma(t))})" if lemma(t) != t else re.escape(t)
                            for t in lead)
            looks.append(rf"\b(?:{ONLY_THIS_JOB}) {said} {JOB_WORDS}\b")
    if head not in GENERIC_HEADS and not head.isdigit():
        stem = _stem(head)
        heads = re.escape(stem) + (r"\w*" if stem != head else "")
        before = "|".join(re.escape(w) for w in (*BEFORE_ROLE, *core, *LEVEL_WORDS))
        looks.append(rf"(?:^|\b(?:{before}) )(?:{heads}) {JOB_WORDS}\b")
        # "Working as Android developer" for Mobile Developer (Android): a title word may stand before the head.
        named = [t for t in (*core, *tokens(" ".join(re.findall(r"\((.*?)\)", role)))) if t != head and not t.isdigit()]
        also = f"(?:(?:{'|'.join(re.escape(t) for t in named)}) )?" if named else ""
        looks.append(rf"{WORKING_AS}(?:(?P<full_as>{full})|{also}(?:{heads})\b)")
        if modifiers and head in HEAD_SYNONYMS:
            others = "|".join(re.escape(w) for w in HEAD_SYNONYMS[head])
            words = "|".join(re.escape(w) for w in modifiers)
            looks.append(rf"\b(?:{words}) (?:{others}) {JOB_WORDS}\b")
    return re.compile("|".join(f"(?:{look})" for look in looks))


def find_role(letter: LetterText, rx: re.Pattern, company: str) -> str | None:
    """The first sentence that names the role, not to turn it down and not as a job somewhere else.

    ``rx`` is the role's :func:`role_rx`. A role named loosely ("the cook job")
    and then placed at another employer ("at your sister restaurant", "at
    Acme") is another job, so it does not count.
    """
    return letter.first(_names_role, rx, tuple(tokens(company)))


def _names_role(sentence: Sentence, rx: re.Pattern, own: tuple[str, ...]) -> bool:
    if not sentence.may_match(rx, "tokens"):
        return False
    said = sentence.tokens
    for match in rx.finditer(said):
        if negated(said, match):
            continue
        written_in_full = match.group("full") or match.groupdict().get("full_as")
        if not written_in_full and elsewhere(said[match.end():], own):
            continue
        return True
    return False
