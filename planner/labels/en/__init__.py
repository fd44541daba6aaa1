"""The English catalogue: for every table of ``planner.labels``, a table of the same name.

Same keys, same ``{placeholders}``; official Vietnamese proper names and the numbers of legal
documents are kept as they are ("Decree 214/2025/NĐ-CP"). A key missing here reads Vietnamese
(``tests/test_labels_language.py`` fails on it). ``EXCHANGE`` and ``RECORDED`` have no English
on purpose.
"""

from planner.labels.en.app import *  # noqa: F403
from planner.labels.en.cli import *  # noqa: F403
from planner.labels.en.common import *  # noqa: F403
from planner.labels.en.common import _PYDANTIC  # noqa: F401
from planner.labels.en.data import *  # noqa: F403
from planner.labels.en.excel import *  # noqa: F403
from planner.labels.en.jobs import *  # noqa: F403
from planner.labels.en.kept import *  # noqa: F403
from planner.labels.en.limits import *  # noqa: F403
from planner.labels.en.optimise import *  # noqa: F403
from planner.labels.en.procurement import *  # noqa: F403
from planner.labels.en.rounds import *  # noqa: F403
from planner.labels.en.safety import *  # noqa: F403
from planner.labels.en.store import *  # noqa: F403
