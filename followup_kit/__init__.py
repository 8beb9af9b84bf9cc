"""followup_kit: coach job candidates through the days after an interview.

The three rules of the playbook (thank the interviewer the day after; don't
panic or seem desperate; follow up with your own interviewer and stay positive
if the answer is no) as data, checks, plans, letters and statistics.

The layers, from the bottom: :mod:`followup_kit.data` (tables, store),
:mod:`followup_kit.playbook` (rules, facts, plan), :mod:`followup_kit.letters`
and :mod:`followup_kit.stats`, :mod:`followup_kit.plots`, and on top
:mod:`followup_kit.widgets` and :mod:`followup_kit.cli`.
"""

from .data import CHANNELS, KINDS, TABLES, Store, read_csv, validate
from .errors import FollowupKitError, Problem, ValidationError
from .letters import (
    Letter,
    LetterCheck,
    check_follow_up,
    check_offer_reply,
    check_rejection_reply,
    check_thank_you,
    draft,
    mailto_link,
    to_eml,
)
from .playbook import FACTS_COLUMNS, Policy, facts, plan
from .stats import (
    chance_of_answer,
    chance_of_answer_from_store,
    cohort_report,
    cohort_report_from_store,
    compare_groups,
    funnel,
    median_response,
    outcome_rates,
    response_curve,
)

__version__ = "0.1.0"

__all__ = [
    "CHANNELS",
    "FACTS_COLUMNS",
    "KINDS",
    "TABLES",
    "FollowupKitError",
    "Letter",
    "LetterCheck",
    "Policy",
    "Problem",
    "Store",
    "ValidationError",
    "chance_of_answer",
    "chance_of_answer_from_store",
    "check_follow_up",
    "check_offer_reply",
    "check_rejection_reply",
    "check_thank_you",
    "cohort_report",
    "cohort_report_from_store",
    "compare_groups",
    "draft",
    "facts",
    "funnel",
    "mailto_link",
    "median_response",
    "outcome_rates",
    "plan",
    "read_csv",
    "response_curve",
    "to_eml",
    "validate",
]
