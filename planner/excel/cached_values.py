"""Store every formula's result in the file, so that totals show without recalculation.

openpyxl writes a formula cell as ``<f>SUM(D5:D9)</f><v/>`` — no cached result — so previews,
phones and ``openpyxl.load_workbook(data_only=True)`` see empty totals until a spreadsheet
program recalculates. The workbooks we write use only a small part of the formula language —
cell and range references (also to other sheets), ``+ - * /``, ``SUM`` and ``SUMIF`` with an
equality criterion — so this module evaluates those formulas from the workbook in memory and
writes each result into its ``<v>`` element after openpyxl has saved the file. A formula outside
that part is left without a cached value (the spreadsheet program computes it as before);
nothing else in the file changes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, range_boundaries

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<str>"(?:[^"]|"")*")
      | (?P<ref>(?:'(?:[^']|'')+'!|[^\W\d][\w.]*!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
      | (?P<fn>[A-Z][A-Z0-9.]*)\(
      | (?P<op>[-+*/(),])
    )""",
    re.VERBOSE,
)


class Unsupported(ValueError):
    """A formula outside the part of the language this module evaluates."""


def _tokens(formula: str) -> list[tuple[str, str]]:
    text, out, at = formula.lstrip("="), [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if not match or match.end() == at:
            if text[at:].strip():
                raise Unsupported(formula)
            break
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        at = match.end()
    return out


class _Evaluator:
    """Recursive-descent evaluation over the workbook's cells, with a memo of results."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.memo: dict[tuple[str, str], object] = {}
        self.active: set[tuple[str, str]] = set()

    def cell(self, sheet: str, coord: str) -> object:
        key = (sheet, coord)
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            raise Unsupported(f"circular reference at {sheet}!{coord}")
        value = self.wb[sheet][coord].value
        if isinstance(value, str) and value.startswith("="):
            self.active.add(key)
            try:
                value = self.formula(sheet, value)
            finally:
                self.active.discard(key)
        self.memo[key] = value
        return value

    def formula(self, sheet: str, formula: str) -> object:
        parser = _Parser(self, sheet, _tokens(formula))
        value = parser.expr()
        if parser.at != len(parser.tokens):
            raise Unsupported(formula)
        return 0 if value is None else value  # a reference to an empty cell shows 0


class _Parser:
    def __init__(self, ev: _Evaluator, sheet: str, tokens: list[tuple[str, str]]) -> None:
        self.ev, self.sheet, self.tokens, self.at = ev, sheet, tokens, 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("", "")

    def take(self, op: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if not token[0] or (op is not None and token != ("op", op)):
            raise Unsupported(str(self.tokens))
        self.at += 1
        return token

    def expr(self) -> object:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            sign = self.take()[1]
            right = _number(self.term())
            value = _number(value) + right if sign == "+" else _number(value) - right
        return value

    def term(self) -> object:
        value = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            sign = self.take()[1]
            right = _number(self.factor())
            value = _number(value) * right if sign == "*" else _number(value) / right
        return value

    def factor(self) -> object:
        kind, text = self.take()
        if kind == "num":
            return float(text) if any(c in text for c in ".eE") else int(text)
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            values = self.ref(text)
            if len(values) != 1:
                raise Unsupported(text)
            return values[0]
        if kind == "fn":
            return self.call(text)
        if (kind, text) == ("op", "-"):
            return -_number(self.factor())
        if (kind, text) == ("op", "("):
            value = self.expr()
            self.take(")")
            return value
        raise Unsupported(text)

    def argument(self) -> list[object]:
        """A range argument as its cells' values, any other argument as one value."""
        kind, text = self.peek()
        after = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else ("", "")
        if kind == "ref" and after in (("op", ","), ("op", ")")):
            self.at += 1
            return self.ref(text)
        return [self.expr()]

    def call(self, name: str) -> object:
        args = [self.argument()]
        while self.peek() == ("op", ","):
            self.take(",")
            args.append(self.argument())
        self.take(")")
        if name == "SUM":
            return sum(_number(v) for arg in args for v in arg if _is_number(v))
        if name == "SUMIF" and len(args) == 3 and len(args[1]) == 1:
            wanted = args[1][0]
            return sum(
                _number(v)
                for key, v in zip(args[0], args[2], strict=True)
                if key == wanted and _is_number(v)
            )
        raise Unsupported(name)

    def ref(self, text: str) -> list[object]:
        sheet, _, cells = text.rpartition("!")
        title = sheet.strip("'").replace("''", "'") if sheet else self.sheet
        if title not in self.ev.wb.sheetnames:
            raise Unsupported(text)
        low_col, low_row, high_col, high_row = range_boundaries(cells.replace("$", ""))
        return [
            self.ev.cell(title, f"{get_column_letter(col)}{row}")
            for row in range(low_row or 1, (high_row or 1) + 1)
            for col in range(low_col or 1, (high_col or 1) + 1)
        ]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: object) -> int | float:
    if value is None or value == "":
        return 0
    if _is_number(value):
        return value  # type: ignore[return-value]
    raise Unsupported(repr(value))


def formula_values(wb: Workbook) -> dict[str, dict[str, int | float]]:
    """Sheet title → {coordinate: numeric result} for every formula this module can evaluate."""
    ev = _Evaluator(wb)
    out: dict[str, dict[str, int | float]] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    try:
                        value = ev.cell(ws.title, c.coordinate)
                    except (Unsupported, ZeroDivisionError, KeyError, ValueError):
                        continue
                    if _is_number(value):
                        out.setdefault(ws.title, {})[c.coordinate] = value  # type: ignore[assignment]
    return out


_SHEET = re.compile(r'<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*\bId="([^"]*)"[^>]*\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(r'<Relationship\b[^>]*\bTarget="([^"]*)"[^>]*\bId="([^"]*)"')
_CELL = re.compile(r'(<c r="([A-Z]+\d+)"[^>]*>)(<f>.*?</f>)<v\s*/>(</c>)', re.DOTALL)


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the path of its XML part in the package."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = dict(_REL.findall(rels)) | {k: v for v, k in _REL_REVERSED.findall(rels)}
    paths = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid, "")
        paths[_unescape(name)] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths


def _fill(xml: str, values: dict[str, int | float]) -> str:
    def one(match: re.Match) -> str:
        value = values.get(match.group(2))
        if value is None:
            return match.group(0)
        text = str(int(value)) if float(value).is_integer() else repr(float(value))
        return f"{match.group(1)}{match.group(3)}<v>{text}</v>{match.group(4)}"

    return _CELL.sub(one, xml)


def store_values(data: bytes, values: dict[str, dict[str, int | float]]) -> bytes:
    """The .xlsx ``data`` with each formula cell's ``<v>`` filled from ``values``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    paths = {path: values[title] for title, path in _sheet_paths(source).items() if title in values}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in paths:
                content = _fill(content.decode("utf-8"), paths[info.filename]).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def workbook_bytes(wb: Workbook) -> bytes:
    """``wb`` saved as .xlsx bytes with the formulas' results stored."""
    values = formula_values(wb)
    buffer = io.BytesIO()
    Workbook.save(wb, buffer)
    return store_values(buffer.getvalue(), values)


class WorkbookWithValues(Workbook):
    """An openpyxl workbook whose ``save`` also stores every formula's result."""

    def save(self, filename: str | Path | IO[bytes]) -> None:
        data = workbook_bytes(self)
        if isinstance(filename, str | Path):
            Path(filename).write_bytes(data)
        else:
            filename.write(data)
