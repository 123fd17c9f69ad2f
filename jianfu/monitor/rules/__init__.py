"""The burden rules engine — pure Python, no Django (import-linter contract "Pure cores import no Django").

Rules are data (`RuleSpec`: a check name, a threshold, parameters, a citation, a severity); ledger rows
are plain dicts. `evaluate()` runs every enabled rule over the ledgers of one county-year and returns
`Hit`s, each naming the responsible issuer; the services store them as findings. The burden index
(`index`) and year-on-year reductions (`reduction`) live here too."""

from .engine import Hit, RuleError, RuleSpec, evaluate
from .reduction import reduction

__all__ = ["Hit", "RuleError", "RuleSpec", "evaluate", "reduction"]
