"""followup_kit: coach job candidates through the days after an interview.

The three rules of the playbook (thank the interviewer the day after; don't
panic or seem desperate; follow up with your own interviewer and stay positive
if the answer is no) as data, checks, plans, letters and statistics.
"""

from .analysis import (
    chance_of_answer,
    cohort_report,
    compare_groups,
    funnel,
    median_response,
    outcome_rates,
    response_curve,
)
from .errors import FollowupKitError, Problem, ValidationError
from .schema import CHANNELS, KINDS, TABLES, read_csv, validate
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "CHANNELS",
    "KINDS",
    "TABLES",
    "FollowupKitError",
    "Problem",
    "Store",
    "ValidationError",
    "read_csv",
    "validate",
]
__all__ += ["chance_of_answer", "cohort_report", "compare_groups", "funnel", "median_response", "outcome_rates", "response_curve"]  # noqa: E501
from .checks import LetterCheck, check_follow_up, check_rejection_reply, check_thank_you  # noqa: E402
from .letters import Letter, draft, mailto_link, to_eml  # noqa: E402

__all__ += ["Letter", "LetterCheck", "check_follow_up", "check_rejection_reply", "check_thank_you", "draft", "mailto_link", "to_eml"]  # noqa: E501
from .facts import FACTS_COLUMNS, facts  # noqa: E402
from .playbook import plan  # noqa: E402
from .policy import Policy  # noqa: E402

__all__ += ["FACTS_COLUMNS", "Policy", "facts", "plan"]
