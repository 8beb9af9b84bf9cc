"""Statistics in two steps: interview facts -> count tables -> curves, rates, tests and reports.

:mod:`.counts` reduces facts to small count tables (the step that runs the
same on pandas, SQL or a cluster); :mod:`.survival`, :mod:`.rates`,
:mod:`.compare` and :mod:`.report` compute from those counts alone;
:mod:`.tables` presents the cohort report for people; :mod:`.cache` keeps a
programme's count tables in the store, so reports read them in milliseconds;
:mod:`.one_cohort` reads one candidate's rows and their cohort's counts from it.
"""

from .cache import chance_of_answer_from_store, cohort_counts, cohort_report_from_store
from .compare import compare_groups
from .rates import outcome_rates
from .report import cohort_report, funnel
from .survival import chance_of_answer, median_response, response_curve

__all__ = ["chance_of_answer", "chance_of_answer_from_store", "cohort_counts", "cohort_report",
           "cohort_report_from_store", "compare_groups", "funnel", "median_response", "outcome_rates",
           "response_curve"]
