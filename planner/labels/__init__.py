"""Every word a user sees, in Vietnamese, in one place (so that English can follow).

Code and identifiers stay English; pages, workbooks and error messages take their text from
here. Money is written the Vietnamese way (``1.234.567 ₫``) through babel's ``vi_VN`` locale
and dates as ``dd/mm/yyyy``.

The words are kept by area in this package's modules (common, data, excel, procurement,
optimise, store, app…) and all read through this one namespace: ``labels.APP["run"]``, ``labels.money(x)``.

English: ``planner.labels.en`` holds a table of the same name and keys for every table here
(and an English text for every plain text constant). The language is chosen per user session
(:mod:`planner.labels.switch`): every table is a :class:`~planner.labels.switch.Table`
that reads English when the session chose English; the plain text constants (``ILLUSTRATIVE``,
``PACKAGE_NAME``…) are served by this module's ``__getattr__`` in the session's language, so
read them as ``labels.NAME`` at the time of use. Money, numbers and dates follow the language
too (babel's ``en`` locale in English).

Words other programs match in the files users exchange do not switch: the survey template
(sheet names, its header columns *Mã thiết bị, Số lượng, Tình trạng, Năm đưa vào sử dụng*, the
premises labels, the condition words, the instructions) is written and read back in Vietnamese
whatever the language (its builder runs under ``labels.vietnamese()``; the import matches and
names the file's words in Vietnamese, and says what is wrong in the user's language), and the
grand-total row of every workbook says ``EXCHANGE["total"]`` (*Tổng cộng*). ``EXCHANGE`` and
``RECORDED`` (the words stored in the database, see :mod:`planner.labels.store`) are the
tables excluded from switching (:data:`FIXED_TABLES`).
"""

from typing import TYPE_CHECKING

from planner.labels import en as _en
from planner.labels.app import *  # noqa: F403
from planner.labels.cli import *  # noqa: F403
from planner.labels.common import *  # noqa: F403
from planner.labels.common import _PYDANTIC  # noqa: F401
from planner.labels.data import *  # noqa: F403
from planner.labels.excel import *  # noqa: F403
from planner.labels.exchange import *  # noqa: F403
from planner.labels.jobs import *  # noqa: F403
from planner.labels.kept import *  # noqa: F403
from planner.labels.limits import *  # noqa: F403
from planner.labels.optimise import *  # noqa: F403
from planner.labels.procurement import *  # noqa: F403
from planner.labels.rounds import *  # noqa: F403
from planner.labels.safety import *  # noqa: F403
from planner.labels.store import *  # noqa: F403
from planner.labels.switch import (  # noqa: F401
    ENGLISH,
    LANGUAGE_CHOICE,
    LANGUAGE_NAMES,
    LANGUAGES,
    VIETNAMESE,
    Table,
    check_language,
    current,
    english_now,
    every_language,
    follow,
    in_vietnamese,
    language,
    set_language,
    table_of,
    vietnamese,
)
from planner.labels.switch import install as _install

# --- the language switch: keep after every import (it wraps every table imported above) -----
# EXCHANGE: words matched in exchanged files; RECORDED: words stored in the database
FIXED_TABLES = frozenset({"EXCHANGE", "RECORDED"})  # never English
TABLES, _STRINGS = _install(__name__, _en, FIXED_TABLES)

if not TYPE_CHECKING:

    def __getattr__(name: str) -> str:
        """A plain text constant (``labels.ILLUSTRATIVE``) in the session's language."""
        try:
            vietnamese_text, english_text = _STRINGS[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        return english_text if english_now() else vietnamese_text
