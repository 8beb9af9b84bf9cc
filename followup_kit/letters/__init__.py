"""Letters: drafts from templates, and the checker that reads a letter part by part.

Drafting: :mod:`.drafts` (:func:`draft` and :class:`Letter`), :mod:`.rendering`
(the templates in ``templates/`` and a coach's folder), :mod:`.strengths` (a
strength as the letter writes it) and :mod:`.mail` (``mailto:`` links and
``.eml`` files).

Checking: :mod:`.checks` (the check functions), :mod:`.reading` (sentences,
negation, interest in this job), :mod:`.roles` and :mod:`.names` (the role and
the interviewer), :mod:`.verdict` (:class:`LetterCheck` and the warnings) and
:mod:`.words` (every phrase the checker listens for).
"""

from .checks import (
           LetterCheck,
           check_follow_up,
           check_offer_reply,
           check_rejection_reply,
           check_thank_you,
)
from .drafts import Letter, draft, mailto_link, to_eml

__all__ = ["Letter", "LetterCheck", "check_follow_up", "check_offer_reply", "check_rejection_reply",
           "check_thank_you", "draft", "mailto_link", "to_eml"]
