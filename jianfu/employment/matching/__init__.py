"""Person–job matching: a pure core (no Django), driven by jianfu.employment's services and the
employment_match command.

    from jianfu.employment.matching import Seeker, Job, Gazetteer, Matcher, Recommendation, Outcome
    m = Matcher(jobs=[Job(...)], seekers=[Seeker(...)], gazetteer=Gazetteer.builtin(), outcomes=[])
    m.jobs_for(seeker, top=10); m.seekers_for(job, top=10)
"""

from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.occupations import (
    BY_CODE,
    MAJOR_CLASSES,
    MIDDLE_CLASSES,
    OCCUPATIONS,
    Occupation,
)
from jianfu.employment.matching.parse import (
    CERTIFICATES,
    DEMAND_LABELS,
    DEMANDS,
    EDUCATION_LEVELS,
    Wage,
    infer_job_demands,
    infer_seeker_limits,
    is_open_intent,
    normalise_certificates,
    normalise_occupation,
    parse_age,
    parse_age_range,
    parse_education,
    parse_experience,
    parse_required_certificates,
    parse_required_education,
    parse_wage,
    posting_trades,
)
from jianfu.employment.matching.places import Gazetteer, distance_level
from jianfu.employment.matching.types import Job, Outcome, Recommendation, Seeker

__all__ = [
    "BY_CODE", "CERTIFICATES", "DEMANDS", "DEMAND_LABELS", "EDUCATION_LEVELS", "MAJOR_CLASSES", "MIDDLE_CLASSES",
    "OCCUPATIONS", "Gazetteer", "Job", "Matcher", "Occupation", "Outcome", "Recommendation", "Seeker", "Wage",
    "distance_level", "infer_job_demands", "infer_seeker_limits", "is_open_intent", "normalise_certificates",
    "normalise_occupation", "parse_age", "parse_age_range", "parse_education", "parse_experience",
    "parse_required_certificates", "parse_required_education", "parse_wage", "posting_trades",
]
