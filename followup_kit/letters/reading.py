"""How the checker reads a letter: sentences, folded text, tokens, negation and interest in this job.

A letter is read once: its own words (quoted text and signature left out),
split into sentences, each as written (to show a coach), folded (to match the
phrases of :mod:`followup_kit.letters.words`) and as lemmas ("keener" is
"keen"), for the rules written over lemmas.
:meth:`LetterText.find` gives the first sentence a phrase is found in, leaving
out sign-offs and negated phrases when asked. :func:`find_interest` is the
reading that needs more than one phrase: interest that is not denied, not in
another job and not in a letter that turns the job down.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from ..errors import FollowupKitError
from .words import (
    ABBREVIATION,
    AS_JOB,
    AT_ANOTHER_EMPLOYER,
    AT_THIS_EMPLOYER,
    CLAUSE_BREAK,
    CLOSING,
    CONTRACTIONS,
    DECLINE,
    DEGREE_WORDS,
    INTENSIFYING_NOT,
    INTEREST,
    INTEREST_LEMMAS,
    JOB_AT,
    JOB_TITLE_ENDS,
    LEMMA_FIXES,
    NAMED_JOB,
    NEGATION,
    NEGATION_CUE,
    NEUTRAL_JOB_WORDS,
    NOT_DENYING,
    PLACED_AT,
    QUOTE_STARTS,
    SIGN_OFF,
    SIGNATURE_ENDS,
    SIGNATURE_LINE_WORDS,
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """Drop accents and unify quotes and dashes, keeping case: "Zoë Ngũgĩ" -> "Zoe Ngugi"."""
    plain = text.translate(_APOSTROPHES)
    if plain.isascii():
        return plain
    decomposed = unicodedata.normalize("NFKD", plain)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def own_words(text: str) -> str:
    """The letter without quoted text and without the signature below its closing line.

    Quoted text is a line starting with ">" and everything from a line that
    opens a quoted message ("On 3 June, Amara Lee wrote:", "-----Original
    Message-----", "From: ...") down. The signature is what follows a "-- " line,
    or the short lines after a closing ("Kind regards,", "Best,"): a name, a
    phone number, a title. A sentence after the closing (a "P.S.") is the
    letter again.
    """
    kept: list[str] = []
    closed = False
    for line in text.splitlines():
        plain = fold(line).strip()
        if QUOTE_STARTS.match(plain) or SIGNATURE_ENDS.match(line):
            break
        if plain.startswith(">"):
            continue
        if closed and plain:
            if word_count(plain) <= SIGNATURE_LINE_WORDS and not re.search(r"[.!?]$", plain):
                continue
            closed = False
        kept.append(line)
        if CLOSING.match(plain):
            closed = True
    return "\n".join(kept)


def sentences(text: str) -> list[str]:
    """Split a letter into sentences; each line (a greeting, a bullet) ends a sentence too."""
    out: list[str] = []
    for line in text.splitlines():
        pieces = simplemma.split_sentences(line, lang="en")
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


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A word's dictionary form, in lower case: "keener" -> "keen", "wrote" -> "write"."""
    return LEMMA_FIXES.get(word) or simplemma.lemmatize(word, lang="en").lower()


def lemmas(sentence: str) -> str:
    """A folded sentence as its lemmas, one space apart, punctuation kept as its own token.

    Contractions are written out ("I'm" -> "i be", "can't" -> "can not") and
    the words that only grade an adjective are left out, so "keener", "more
    keen" and "keenest" all read "keen".
    """
    text = sentence.lower()
    for pattern, full in CONTRACTIONS:
        text = pattern.sub(full, text)
    words = [lemma(w) if w[0].isalnum() else w for w in re.findall(r"[a-z0-9]+|[^\sa-z0-9']", text)]
    return " ".join(w for w in words if w not in DEGREE_WORDS)


def denied(sentence: str, match: re.Match) -> bool:
    """Whether a negation earlier in the same clause denies ``match``.

    The scope of a "not" runs to the end of its clause, so "not sure I am still
    interested" is not interest, while "No worries, I am keen" is.
    "couldn't be more excited", "can't wait" and "not only" do not deny.
    """
    text = sentence.lower()
    clause = CLAUSE_BREAK.split(text[:match.start()])[-1]
    offset = match.start() - len(clause)
    for cue in reversed(list(NEGATION_CUE.finditer(clause))):
        if NOT_DENYING.match(text[offset + cue.start():]) is None:
            return True
    return False


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
    lemmas: list[str]
    words: int
    text: str

    @classmethod
    def read(cls, text: str) -> LetterText:
        """Read a letter's own words (:func:`own_words`) into sentences, folded and as lemmas."""
        if not isinstance(text, str):
            raise FollowupKitError(f"a letter to check must be text, not {type(text).__name__}")
        own = own_words(text)
        shown = sentences(own)
        folded = [fold(s) for s in shown]
        return cls(shown, folded, [lemmas(s) for s in folded], word_count(own), fold(own))

    def find(self, rx: re.Pattern | None = None, *, lemma_rx: re.Pattern | None = None,
             skip_sign_offs: bool = False, negatable: bool = False) -> str | None:
        """The first sentence, as written, that ``rx`` matches (or ``lemma_rx`` on its lemmas), or None.

        ``skip_sign_offs`` leaves out a short closing line ("Many thanks,");
        ``negatable`` leaves out a match that a negation before it in its clause denies.
        """
        for shown, folded, said in zip(self.shown, self.folded, self.lemmas, strict=True):
            if skip_sign_offs and SIGN_OFF.match(folded) and word_count(folded) <= 3:
                continue
            for text, pattern in ((folded, rx), (said, lemma_rx)):
                if pattern is None:
                    continue
                for match in pattern.finditer(text):
                    if negatable and denied(text, match):
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
    """The first sentence that shows interest in this job: not denied, not another job, not a decline.

    Interest is found in the folded sentence or in its lemmas ("I am even
    keener" reads "i be even keen"); a negation anywhere before it in its clause
    denies it.

    ``role_rx`` is the role's pattern (see :func:`followup_kit.letters.roles.role_rx`),
    None when the role is not known.
    """
    if letter.find(DECLINE) is not None:
        return None
    own = tokens(company)
    for shown, folded, said in zip(letter.shown, letter.folded, letter.lemmas, strict=True):
        for text, rx in ((folded, INTEREST), (said, INTEREST_LEMMAS)):
            for match in rx.finditer(text):
                if not denied(text, match) and not other_job(text, match, role_rx, own):
                    return shown
    return None
