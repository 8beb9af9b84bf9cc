"""Letters: drafts from templates, and the checker that reads a letter part by part.

:func:`draft` fills a template (``templates/``) from one interview;
:mod:`.checks` says which parts a letter has, with the phrases in :mod:`.words`.
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
