"""The report engine: data elements, templates, periods, SQL planning and header matching.

Pure Python (no Django): the reports app's services drive it with a DB cursor.
"""

from .errors import DefinitionError, EngineError
from .loader import build_catalog, load_directory, load_files
from .model import Catalog, Cell, DataElement, Template
from .periods import PERIOD_TYPES, Period, latest_closed_period, parse_period, period_containing
from .planner import make_plan
from .runner import Report, compute

__all__ = [
    "PERIOD_TYPES", "Catalog", "Cell", "DataElement", "DefinitionError", "EngineError", "Period", "Report",
    "Template", "build_catalog", "compute", "latest_closed_period", "load_directory", "load_files",
    "make_plan", "parse_period", "period_containing",
]
