"""Which language a user reads, per user session, and label tables that follow it.

The web app serves many users from one process, each script run in its own thread; the command
line serves one. So the language is a :class:`contextvars.ContextVar`: each thread (and each
``contextvars`` context) sees only what was set in it, and one user's choice never changes
another user's page. Streamlit sets it at the start of every script run from the browser
session's choice (and registers that choice as the :func:`follow` fallback for the widget
callbacks, which run before the script); the CLI sets it from ``--lang`` / ``PLANNER_LANG``.
The default is Vietnamese.

A label table is a :class:`Table`: a ``dict`` holding the Vietnamese texts, whose lookups
(``T[k]``, ``get``, ``values``, ``items``, iteration, ``dict(T)``) give the English text when
the current language is English and the English catalogue has the key, else the Vietnamese.
Because the switch happens at lookup, ``from planner.labels import COLUMN`` at import time and
``labels.COLUMN[...]`` both follow the language.

No module looks a label up while it is being imported: a module-level constant built from a
table in the session's language would be computed once per process by whichever session happened
to import the module first, and keep that session's language for everybody. So a module-level
constant that holds the words of an exchanged file (a sheet name, the headers the survey import
expects) reads the table's Vietnamese (:attr:`Table.vi`), a module-level map that should follow
the language is built with :func:`table_of`, and anything else is looked up when it is used
(``tests/test_labels_language.py`` imports every module in English and fails on any lookup).
"""

from __future__ import annotations

import contextvars
import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from functools import wraps
from types import MappingProxyType, ModuleType
from typing import Any, ParamSpec, TypeVar

VIETNAMESE = "vi"
ENGLISH = "en"
LANGUAGES = (VIETNAMESE, ENGLISH)
# each named in its own words (a read-only mapping, not a label table: it never switches)
LANGUAGE_NAMES = MappingProxyType({VIETNAMESE: "Tiếng Việt", ENGLISH: "English"})
# the label of that choice, in both languages at once (whoever reads either finds it)
LANGUAGE_CHOICE = "Ngôn ngữ / Language"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "planner_language", default=None
)
_fallback: Callable[[], str | None] | None = None

P = ParamSpec("P")
R = TypeVar("R")
K = TypeVar("K")


def check_language(code: str) -> str:
    """``code`` if it is a language we have a catalogue for, else ``ValueError``."""
    if code not in LANGUAGES:
        raise ValueError(f"{code!r}: cần một trong {', '.join(LANGUAGES)} / one of {LANGUAGES}")
    return code


def current() -> str:
    """The language of the current session: set in this context, else the fallback's, else vi."""
    code = _current.get()
    if code is None and _fallback is not None:
        code = _fallback()
    return code if code in LANGUAGES else VIETNAMESE


def follow(fallback: Callable[[], str | None] | None) -> None:
    """Where to look when nothing was set in the current context (``None``: Vietnamese).

    The web app's widget callbacks run in a fresh thread before the page script sets the
    language; the app registers a fallback that reads the running browser session's choice
    (a function of the thread's own Streamlit session, so still one language per user).
    """
    global _fallback
    _fallback = fallback


def set_language(code: str) -> contextvars.Token[str | None]:
    """Make ``code`` the language of the current context (a script run, a CLI process)."""
    return _current.set(check_language(code))


@contextmanager
def language(code: str) -> Iterator[None]:
    """Read labels in ``code`` inside the ``with`` block, then go back to what it was."""
    token = set_language(code)
    try:
        yield
    finally:
        _current.reset(token)


def vietnamese() -> AbstractContextManager[None]:
    """``with vietnamese():`` — for files whose words are matched by other programs."""
    return language(VIETNAMESE)


def in_vietnamese(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: ``func`` always reads Vietnamese labels (see :func:`vietnamese`)."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with language(VIETNAMESE):
            return func(*args, **kwargs)

    return wrapper


def english_now() -> bool:
    """Whether a lookup made here should read English (the session's choice)."""
    return current() == ENGLISH


class Table(dict[K, str]):
    """A label table: Vietnamese texts, read in English when the session chose English.

    ``english`` is the English catalogue's table of the same name (``None``: the table does not
    switch, see ``planner.labels.EXCHANGE``). Overriding ``__iter__`` makes ``dict(T)`` and
    ``{**T}`` go through :meth:`__getitem__` too.
    """

    def __init__(self, name: str, vietnamese: Mapping[K, str], english: Mapping[K, str] | None):
        super().__init__(vietnamese)
        self.name = name
        self.english: dict[K, str] | None = None if english is None else dict(english)

    def _english(self) -> dict[K, str] | None:
        return self.english if self.english is not None and english_now() else None

    def __getitem__(self, key: K) -> str:
        text = super().__getitem__(key)
        english = self._english()
        return english.get(key, text) if english is not None else text

    def get(self, key: K, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[K]:
        return super().__iter__()

    def values(self) -> list[str]:  # type: ignore[override]
        return [self[k] for k in self]

    def items(self) -> list[tuple[K, str]]:  # type: ignore[override]
        return [(k, self[k]) for k in self]

    def copy(self) -> dict[K, str]:
        """A plain dict in the current language."""
        return dict(self.items())

    @property
    def vi(self) -> dict[K, str]:
        """The Vietnamese texts whatever the language (for words matched in exchanged files)."""
        return dict(super().items())

    def __reduce__(self) -> tuple[Any, ...]:
        return (Table, (self.name, self.vi, self.english))


def wrap_tables(
    modules: list[Any], english: Mapping[str, Mapping[Any, str]], fixed: frozenset[str]
) -> dict[str, Table]:
    """Replace each plain ``dict`` table of ``modules`` by a :class:`Table`, in every module.

    A table is a module attribute in capitals (or ``_PYDANTIC``-style private capitals) whose
    value is a plain ``dict``. The same dict object imported into several modules (the package
    namespace re-exports them) is replaced everywhere by one Table. Tables named in ``fixed``
    get no English.
    """
    made: dict[int, Table] = {}
    for module in modules:
        for name, value in list(vars(module).items()):
            if type(value) is not dict or not name.lstrip("_").isupper():
                continue
            table = made.get(id(value))
            if table is None:
                table = Table(name, value, None if name in fixed else english.get(name, {}))
                made[id(value)] = table
            setattr(module, name, table)
    return {t.name: t for t in made.values()}


NOT_TEXT = frozenset({"LOCALE"})  # capitals that are settings, not words a user reads


def text_constants(namespace: Mapping[str, Any]) -> dict[str, str]:
    """The plain text constants of a labels module (``ILLUSTRATIVE``, ``PACKAGE_NAME``…)."""
    return {
        name: value
        for name, value in namespace.items()
        if isinstance(value, str) and name.isupper() and name not in NOT_TEXT
    }


_NOT_LABELS = frozenset({"en", "switch"})  # modules of the package that hold no Vietnamese words


def label_modules(package: str) -> list[ModuleType]:
    """The package and every Vietnamese labels module in it (not the English catalogue)."""
    root = sys.modules[package]
    names = sorted(m.name for m in pkgutil.iter_modules(root.__path__) if m.name not in _NOT_LABELS)
    return [root, *(importlib.import_module(f"{package}.{name}") for name in names)]


def install(
    package: str, english: ModuleType, fixed: frozenset[str]
) -> tuple[dict[str, Table], dict[str, tuple[str, str]]]:
    """Make ``package``'s tables switch, and move its text constants behind ``__getattr__``.

    Returns the tables by name and, for each text constant that has an English text, the
    (Vietnamese, English) pair; those constants are removed from the package namespace so that
    the package's ``__getattr__`` serves them in the session's language.
    """
    catalogue = vars(english)
    english_tables = {k: v for k, v in catalogue.items() if isinstance(v, Mapping)}
    tables = wrap_tables(label_modules(package), english_tables, fixed)
    namespace = vars(sys.modules[package])
    strings = {}
    for name, text in text_constants(namespace).items():
        if isinstance(catalogue.get(name), str):
            strings[name] = (text, catalogue[name])
            del namespace[name]
    return tables, strings


def every_language(table: Mapping[K, str]) -> list[tuple[K, str]]:
    """(key, text) in Vietnamese then in English: to read back a word a user picked in either."""
    if not isinstance(table, Table):
        return list(table.items())
    return [*table.vi.items(), *(table.english or {}).items()]


def table_of(name: str, picks: Mapping[K, tuple[Mapping[Any, str], Any]]) -> Table[K]:
    """A table of labels picked from other tables (``field → (table, key)``) that switches too.

    For module-level maps such as "field → column header": a plain dict built at import time
    would freeze one language; this one is read in the session's language at each lookup.
    """

    def texts(table: Mapping[Any, str], english: bool) -> Mapping[Any, str]:
        if not isinstance(table, Table):
            return table
        return (table.english or table.vi) if english else table.vi

    vietnamese = {field: texts(t, False)[key] for field, (t, key) in picks.items()}
    english = {
        field: texts(t, True).get(key, vietnamese[field]) for field, (t, key) in picks.items()
    }
    return Table(name, vietnamese, english)
