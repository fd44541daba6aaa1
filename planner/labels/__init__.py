"""Every word a user sees, in Vietnamese, in one place (so that English can follow).

Code and identifiers stay English; pages, workbooks and error messages take their text from
here. Money is written the Vietnamese way (``1.234.567 ₫``) through babel's ``vi_VN`` locale
and dates as ``dd/mm/yyyy``.

The words are kept by area in this package's modules (common, excel, procurement, optimise,
app) and all read through this one namespace: ``labels.APP["run"]``, ``labels.money(x)``.
"""

from planner.labels.app import *  # noqa: F403
from planner.labels.common import *  # noqa: F403
from planner.labels.common import _PYDANTIC  # noqa: F401
from planner.labels.excel import *  # noqa: F403
from planner.labels.optimise import *  # noqa: F403
from planner.labels.procurement import *  # noqa: F403
from planner.labels.safety import *  # noqa: F403
