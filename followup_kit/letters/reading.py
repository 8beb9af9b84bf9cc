"""How the checker reads a letter: sentences, folded text, tokens, negation and interest in this job.

A letter is read once: its own words (quoted text and signature left out),
split into sentences, each as written (to show a coach), folded (to match the
phrases of :mod:`followup_kit.letters.words`) and as lemmas ("keener" is
"keen"), for the rules written over lemmas.
:meth:`LetterText.find` gives the first sentence a phrase is found in, leaving
out sign-offs and negated phrases when asked. :func:`find_interest` is the
reading that needs more than one phrase: interest that is not denied, not in
another job and not in a letter that turns the job down; :func:`find_regret`
is interest in a letter that does turn an offer down.

The composer checks as the coach types, so each line and each sentence is
read once and remembers what every rule found in it (:class:`Sentence`): a
check of a letter with one new line reads only that line. A rule's pattern
runs only on the sentences that hold one of the words it needs
(:func:`needed_words`), which the pattern itself says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from re import _constants as _sre
from re import _parser as _sre_parser

import simplemma

from ..errors import FollowupKitError
from .words import (
    ABBREVIATION,
    ANOTHER_EMPLOYER,
    ANOTHER_JOB_AFTER,
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
    JOINING_NAMED,
    LEMMA_FIXES,
    LIKED_OBJECTS,
    LIKES_EMPLOYER,
    NAMED_JOB,
    NEGATION,
    NEGATION_CUE,
    NEUTRAL_JOB_WORDS,
    NOT_A_NAME,
    NOT_DENYING,
    PAST_INTEREST,
    PLACED_AT,
    POSTSCRIPT,
    QUOTE_STARTS,
    SARCASM_RX,
    SIGN_OFF,
    SIGNATURE_ENDS,
    SIGNATURE_LINE_WORDS,
    UNDECIDED,
    WOULD_HAVE_JOINED,
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


# Characters a case-blind pattern reads as an ASCII letter but that ``str.lower`` leaves apart:
# a case-blind "i" also matches the Turkish dotless "ı", an "s" the long "ſ".
_CASE_BLIND = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def case_blind(text: str) -> str:
    """The text in lower case, so that a case-blind pattern's letters are found in it with ``in``."""
    return text.translate(_CASE_BLIND).lower()


# The most strings a run of literal text may spell before it is cut: "as soon as (possible|you can)".
_MOST_SPELLINGS = 32


def _spelled(op, arg, blind: bool) -> frozenset[str] | None:
    """The strings one parsed item matches, when it matches only a few fixed strings; else None."""
    if op is _sre.LITERAL and arg < 128:
        return frozenset({chr(arg).lower() if blind else chr(arg)})
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        # An assertion takes up no text: what is around it is spelled as if it were not there.
        return frozenset({""})
    if op is _sre.IN and len(arg) <= 4 and all(o is _sre.LITERAL and a < 128 for o, a in arg):
        return frozenset(chr(a).lower() if blind else chr(a) for _, a in arg)
    if op is _sre.SUBPATTERN and not (arg[1] | arg[2]) & re.IGNORECASE:
        return _spelling(arg[3], blind)
    if op is _sre.BRANCH:
        alternatives = [_spelling(branch, blind) for branch in arg[1]]
        if all(a is not None for a in alternatives):
            joined = frozenset().union(*alternatives)
            return joined if len(joined) <= _MOST_SPELLINGS else None
    if op is _sre.MAX_REPEAT and arg[:2] == (0, 1):
        once = _spelling(arg[2], blind)
        return None if once is None else once | {""}
    return None


def _spelling(items, blind: bool) -> frozenset[str] | None:
    """The strings a parsed sequence matches, when it matches only a few fixed strings; else None."""
    out = frozenset({""})
    for op, arg in items:
        part = _spelled(op, arg, blind)
        if part is None or len(out) * len(part) > _MOST_SPELLINGS:
            return None
        out = frozenset(a + b for a in out for b in part)
    return out


# Strings this long already rule out most sentences; past it, fewer strings to look for is better.
_LONG_ENOUGH = 6


def _rank(found: frozenset[str]) -> tuple[int, int, int]:
    shortest = min(map(len, found))
    return min(shortest, _LONG_ENOUGH), -len(found), shortest


def _spans(parts: list[frozenset[str]]):
    """Every run of consecutive spelled parts, spelled out, while it spells few enough strings."""
    for first in range(len(parts)):
        out = frozenset({""})
        for part in parts[first:]:
            if len(out) * len(part) > _MOST_SPELLINGS:
                break
            out = frozenset(a + b for a in out for b in part)
            if "" not in out:
                yield out


def _needed(items, blind: bool) -> frozenset[str] | None:
    """Strings one of which every match of the parsed ``items`` contains, or None when none can be told.

    Runs of fixed text are spelled out ("thank you", "thanks"); of the other
    items, a group's own needed strings count. Of all these, the strings kept
    are the fewest that are long enough to rule out most sentences.
    """
    found: list[frozenset[str]] = []
    parts: list[frozenset[str]] = []
    for op, arg in [*items, (None, None)]:
        part = None if op is None else _spelled(op, arg, blind)
        if part is not None:
            parts.append(part)
        else:
            found.extend(_spans(parts))
            parts = []
        if op is _sre.BRANCH:
            alternatives = [_needed(branch, blind) for branch in arg[1]]
            if all(alternatives):
                found.append(frozenset().union(*alternatives))
        elif op is _sre.SUBPATTERN and not (arg[1] | arg[2]) & re.IGNORECASE:
            found.append(_needed(arg[3], blind))
        elif op is _sre.ATOMIC_GROUP:
            found.append(_needed(arg, blind))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found.append(_needed(arg[2], blind))
    return max((f for f in found if f), key=_rank, default=None)


@lru_cache(maxsize=4096)
def needed_words(rx: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` contains, or None when the pattern says of none.

    A sentence that holds none of them cannot match, so the checker runs a
    pattern only on the sentences that hold one ("thank", "pleasure",
    "enjoyed " ... for appreciation). For a case-blind pattern the strings are
    in lower case and are looked for in :func:`case_blind` text.
    """
    try:
        parsed = _sre_parser.parse(rx.pattern, rx.flags)
    except (re.error, TypeError):
        return None
    found = _needed(parsed, bool(rx.flags & re.IGNORECASE))
    if found is None:
        return None
    # A string that holds another of them is found wherever it is: "thank you" where "thank" is.
    return tuple(sorted(k for k in found if not any(o != k and o in k for o in found)))


@dataclass(frozen=True)
class _Line:
    """What one line of a letter is, for :func:`own_words`, and its words and sentences."""

    ends_letter: bool
    quoted: bool
    blank: bool
    signature_like: bool
    closing: bool
    words: int
    sentences: tuple[str, ...]


@lru_cache(maxsize=8192)
def _line(line: str) -> _Line:
    # Lines are read once each: as the coach types, only the line being written is new.
    plain = fold(line).strip()
    pieces = simplemma.split_sentences(line, lang="en")
    merged: list[str] = []
    for piece in pieces:
        if merged and ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return _Line(
        ends_letter=bool(QUOTE_STARTS.match(plain) or SIGNATURE_ENDS.match(line)),
        quoted=plain.startswith(">"),
        blank=not plain,
        signature_like=(word_count(plain) <= SIGNATURE_LINE_WORDS and not re.search(r"[.!?]$", plain)
                        and not POSTSCRIPT.match(plain)),
        closing=bool(CLOSING.match(plain)),
        words=word_count(line),
        sentences=tuple(merged),
    )


def _own_lines(text: str) -> list[str]:
    kept: list[str] = []
    closed = False
    for line in text.splitlines():
        read = _line(line)
        if read.ends_letter:
            break
        if read.quoted:
            continue
        if closed and not read.blank:
            if read.signature_like:
                continue
            closed = False
        kept.append(line)
        if read.closing:
            closed = True
    return kept


def own_words(text: str) -> str:
    """The letter without quoted text and without the signature below its closing line.

    Quoted text is a line starting with ">" and everything from a line that
    opens a quoted message ("On 3 June, Amara Lee wrote:", "-----Original
    Message-----", "From: ...") down. The signature is what follows a "-- " line,
    or the short lines after a closing ("Kind regards,", "Best,"): a name, a
    phone number, a title. A sentence after the closing (a "P.S.") is the
    letter again.
    """
    return "\n".join(_own_lines(text))


def sentences(text: str) -> list[str]:
    """Split a letter into sentences; each line (a greeting, a bullet) ends a sentence too."""
    return [sentence for line in text.splitlines() for sentence in _line(line).sentences]


def word_count(text: str) -> int:
    """Words in a letter, as a word processor counts them."""
    return len(re.findall(r"\S+", text))


def tokens(text: str) -> list[str]:
    """The words of a text, folded and in lower case, a plural's trailing s dropped: "Pickers" -> "picker".

    No plural ends in -ss, -is or -us, so "this", "business" and "bonus" keep theirs.
    """
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is", "us")) else w
            for w in words]


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
    # Every contraction holds an apostrophe, a "not" or an "im" ("cannot be happier", "im").
    if "'" in text or "not" in text or "im" in text:
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


def undecided(sentence: str, match: re.Match) -> bool:
    """Whether an open question earlier in the clause leaves ``match`` undecided.

    "I'm still weighing up whether the move is really what I want" does not
    want it yet; "I'd love to join if you'll have me" does.
    """
    clause = CLAUSE_BREAK.split(sentence[:match.start()].lower())[-1]
    return UNDECIDED.search(clause) is not None


def negated(sentence: str, match: re.Match) -> bool:
    """Whether a "not" (or "never", "no longer", "n't") up to three words before ``match`` denies it."""
    text = sentence.lower()
    negation = NEGATION.search(text[:match.start()])
    if negation is None:
        return False
    return INTENSIFYING_NOT.match(text[negation.start():]) is None


class Sentence:
    """One sentence of a letter, read once however often the letter is checked.

    As written (``shown``), folded, as lemmas and, when asked, as tokens. What
    a rule finds in it is kept too (see :meth:`LetterText.first`): as the coach
    types, only the sentence being written is read again.
    """

    __slots__ = ("shown", "folded", "lemmas", "_tokens", "_texts", "found")

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.folded = fold(shown)
        self.lemmas = lemmas(self.folded)
        self._tokens: str | None = None
        self._texts: dict[tuple[str, bool], str] = {}
        self.found: dict[tuple, bool] = {}

    @property
    def tokens(self) -> str:
        """The sentence as its :func:`tokens`, one space apart: what the role is looked for in."""
        if self._tokens is None:
            self._tokens = " ".join(tokens(self.shown))
        return self._tokens

    def may_match(self, rx: re.Pattern, on: str = "folded") -> bool:
        """False when ``rx`` cannot match the sentence's ``on`` reading: it holds none of :func:`needed_words`."""
        keys = needed_words(rx)
        if keys is None:
            return True
        blind = bool(rx.flags & re.IGNORECASE)
        text = self._texts.get((on, blind))
        if text is None:
            text = getattr(self, on)
            text = self._texts[(on, blind)] = case_blind(text) if blind else text
        return any(key in text for key in keys)


@lru_cache(maxsize=16384)
def read_sentence(shown: str) -> Sentence:
    """The sentence, read (see :class:`Sentence`); the same one is handed back while it is remembered."""
    return Sentence(shown)


def _shows(sentence: Sentence, rx: re.Pattern | None, lemma_rx: re.Pattern | None,
           skip_sign_offs: bool, negatable: bool, sincere: bool = False) -> bool:
    folded = sentence.folded
    if skip_sign_offs and SIGN_OFF.match(folded) and word_count(folded) <= 3:
        return False
    if sincere and sentence.may_match(SARCASM_RX) and SARCASM_RX.search(folded):
        return False
    for text, pattern, on in ((folded, rx, "folded"), (sentence.lemmas, lemma_rx, "lemmas")):
        if pattern is None or not sentence.may_match(pattern, on):
            continue
        for match in pattern.finditer(text):
            if negatable and denied(text, match):
                continue
            return True
    return False


class _Asked:
    """A test and its arguments, as a sentence keeps what it found: hashed once, not at every sentence.

    A compiled pattern hashes its whole program each time it is asked, and
    the checker's patterns are long.
    """

    __slots__ = ("asked", "_hash")

    def __init__(self, asked: tuple) -> None:
        self.asked = asked
        self._hash = hash(asked)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Asked) and self._hash == other._hash and self.asked == other.asked


@dataclass(frozen=True)
class LetterText:
    """A letter read into sentences: as written (``shown``) and folded, with its length in words."""

    shown: list[str]
    folded: list[str]
    lemmas: list[str]
    words: int
    text: str
    sentences: list[Sentence] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def read(cls, text: str) -> LetterText:
        """Read a letter's own words (:func:`own_words`) into sentences, folded and as lemmas."""
        if not isinstance(text, str):
            raise FollowupKitError(f"a letter to check must be text, not {type(text).__name__}")
        lines = _own_lines(text)
        read = [read_sentence(sentence) for line in lines for sentence in _line(line).sentences]
        return cls([s.shown for s in read], [s.folded for s in read], [s.lemmas for s in read],
                   sum(_line(line).words for line in lines), fold("\n".join(lines)), read)

    def _holding(self, test: Callable[..., bool], args: tuple) -> Iterator[str]:
        key = _Asked((test, *args))
        for sentence in self.sentences:
            found = sentence.found.get(key)
            if found is None:
                found = sentence.found[key] = test(sentence, *args)
            if found:
                yield sentence.shown

    def first(self, test: Callable[..., bool], *args) -> str | None:
        """The first sentence, as written, for which ``test(sentence, *args)`` holds, or None.

        Each sentence keeps the answer, so the test runs once per sentence and
        ``args`` (all hashable: patterns, names, flags).
        """
        return next(self._holding(test, args), None)

    def every(self, test: Callable[..., bool], *args) -> list[str]:
        """Every sentence, as written, for which ``test(sentence, *args)`` holds (kept as by :meth:`first`)."""
        return list(self._holding(test, args))

    def find(self, rx: re.Pattern | None = None, *, lemma_rx: re.Pattern | None = None,
             skip_sign_offs: bool = False, negatable: bool = False, sincere: bool = False) -> str | None:
        """The first sentence, as written, that ``rx`` matches (or ``lemma_rx`` on its lemmas), or None.

        ``skip_sign_offs`` leaves out a short closing line ("Many thanks,");
        ``negatable`` leaves out a match that a negation before it in its clause denies;
        ``sincere`` leaves out a sentence said to mean the opposite ('Thanks for the "interview"').
        """
        return self.first(_shows, rx, lemma_rx, skip_sign_offs, negatable, sincere)


def elsewhere(after: str, own: tuple[str, ...] | list[str]) -> bool:
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


def other_job(sentence: str, match: re.Match, role_rx: re.Pattern | None,
              own: tuple[str, ...] | list[str]) -> bool:
    """Whether interest found at ``match`` is in a job other than this one.

    "I'd really like the driver job" for a picker, "I would love to join as
    pastry cook" for a line cook, "excited about the designer position at
    Acme" for a job at Pixel, "in the final stage with another company and
    excited about that opportunity". Only the first job word from the interest onward
    is placed: "excited about the picker role, after two years in my last job
    at Tesco" keeps the interest, as the Tesco job is another matter.
    ``own`` is this employer's name as :func:`tokens` gives it.
    """
    clause = CLAUSE_BREAK.split(sentence[:match.start()])[-1]
    if ANOTHER_EMPLOYER.search(clause) or ANOTHER_JOB_AFTER.search(CLAUSE_BREAK.split(sentence[match.end():])[0]):
        return True
    after = " ".join(tokens(sentence[match.start():]))
    job = JOB_AT.search(after)
    if job is not None and elsewhere(after[job.end():], own):
        return True
    if role_rx is None:
        return False
    named = NAMED_JOB.search(match.group(0))
    if named is not None:
        words = [w for w in tokens(named.group(1)) if w not in NEUTRAL_JOB_WORDS]
        return bool(words) and role_rx.search("the " + " ".join(words) + " job") is None
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
    return letter.first(_shows_interest, role_rx, tuple(tokens(company)))


def _shows_interest(sentence: Sentence, role_rx: re.Pattern | None, own: tuple[str, ...]) -> bool:
    for text, rx, on in ((sentence.folded, INTEREST, "folded"), (sentence.lemmas, INTEREST_LEMMAS, "lemmas")):
        if not sentence.may_match(rx, on):
            continue
        for match in rx.finditer(text):
            if not denied(text, match) and not undecided(text, match) and not other_job(text, match, role_rx, own):
                # Interest in joining another employer by name is in their job, however it is put.
                return not joins_another_employer(sentence.folded, own)
    return False


def joins_another_employer(folded: str, own: tuple[str, ...]) -> bool:
    """Whether a sentence joins an employer by a name that is not this one's: "joining Harland & Co".

    ``own`` is this employer's name as :func:`tokens` gives it; with no name
    known, no employer is another one.
    """
    if not own or "join" not in folded.lower():
        return False
    for match in JOINING_NAMED.finditer(folded):
        named = tokens(match.group(1))
        if named and named[0] not in NOT_A_NAME and named[0] not in own:
            return True
    return False


def find_regret(letter: LetterText, role_rx: re.Pattern | None, company: str) -> str | None:
    """The first sentence of a letter turning an offer down that shows the candidate wanted the job.

    A decline shows interest as regret: interest said in the past ("I was
    genuinely excited about the role", "I can't tell you how much I wanted this
    job"), what would have been ("I'd have loved to work with you all") or
    liking the employer (:func:`likes_employer`). Interest in the future ("I'd
    be glad to be considered for future vacancies") keeps the door open
    instead, and said in the present it is often about the job taken instead.
    """
    return letter.first(_shows_regret, role_rx, tuple(tokens(company)))


def _shows_regret(sentence: Sentence, role_rx: re.Pattern | None, own: tuple[str, ...]) -> bool:
    text = sentence.lemmas
    if sentence.may_match(WOULD_HAVE_JOINED, "lemmas") and any(
            not denied(text, m) and not other_job(text, m, role_rx, own) for m in WOULD_HAVE_JOINED.finditer(text)):
        return True
    if likes_employer(sentence, role_rx, own):
        return True
    return PAST_INTEREST.search(sentence.folded) is not None and _shows_interest(sentence, role_rx, own)


def likes_employer(sentence: Sentence, role_rx: re.Pattern | None, own: tuple[str, ...]) -> bool:
    """Whether, in a reply to an offer, the sentence likes the employer: its team, its work, or it by name.

    "I really like the projects of Trident Marine", "I loved everything I saw
    of the team", "I really like Harcourt Capital". Not "I would like to ask",
    not liking the interview itself ("I liked meeting you"), not denied and
    not another employer. ``own`` is the employer's name as :func:`tokens` gives it.
    """
    if not sentence.may_match(LIKES_EMPLOYER, "lemmas"):
        return False
    text = sentence.lemmas
    name = next((t for t in own if t != "the"), None)
    for match in LIKES_EMPLOYER.finditer(text):
        liked = match.group(1)
        if liked not in LIKED_OBJECTS and (name is None or lemma(name) != liked):
            continue
        if not denied(text, match) and not other_job(text, match, role_rx, own):
            return True
    return False
