"""Safe handling of workbooks: uploads checked before parsing, user text neutralised on export.

Uploads (:func:`check_upload`) are refused before openpyxl sees them when they are

- empty or larger than :data:`MAX_FILE_BYTES`;
- not a zip archive holding ``[Content_Types].xml`` and ``xl/workbook.xml`` (xls, csv, random
  bytes), encrypted, or carrying macros / embedded objects (``.bin`` parts);
- a zip bomb: more than :data:`MAX_ENTRIES` entries, more than :data:`MAX_UNCOMPRESSED_BYTES`
  once unpacked, or compressed more than :data:`MAX_RATIO` : 1. Sizes come from the central
  directory; Python's ``zipfile`` stops reading an entry at its declared size and checks its
  CRC, so an archive cannot unpack to more than it declares;
- XML with a ``DOCTYPE`` or ``ENTITY`` declaration (billion laughs, external entities). An
  xlsx written by Excel or LibreOffice never has one; openpyxl would refuse it too, because
  defusedxml is installed (:func:`require_defusedxml` makes that a hard requirement rather than
  an accident of the environment).

Exports (:func:`put_text`) write every user-entered string as an explicit string cell with
Excel's quote-prefix flag, so ``=HYPERLINK(...)``, ``+1``, ``-1``, ``@SUM`` or a leading tab
or line break stays the readable text the user typed and never becomes a formula, not even when
someone edits the cell later.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl.xml
from openpyxl.worksheet.worksheet import Worksheet

from planner.errors import BadInput, Problem
from planner.labels import EXCEL

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 100
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
# Below this size an entry's ratio says nothing (a tiny XML part of zeros compresses 1000:1).
_RATIO_MIN_BYTES = 1024 * 1024
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def require_defusedxml() -> None:
    """Refuse to parse uploads unless openpyxl parses XML through defusedxml."""
    if not openpyxl.xml.DEFUSEDXML:
        raise RuntimeError(EXCEL["no_defusedxml"])


def _refuse(name: str, expected: str, value: object = None) -> BadInput:
    return BadInput(
        EXCEL["bad_file"].format(name=name), [Problem(name, None, None, value, expected)]
    )


def check_upload(data: bytes, name: str) -> None:
    """Raise :class:`BadInput` unless ``data`` looks like a plain, reasonably sized xlsx."""
    require_defusedxml()
    if not data:
        raise _refuse(name, EXCEL["empty_file"])
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(name, EXCEL["too_large"].format(size=len(data), limit=MAX_FILE_BYTES))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _refuse(name, EXCEL["not_xlsx"]) from None
    with archive:
        _check_entries(infos, name)
        _check_xml(archive, infos, name)


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Zip-bomb limits, required parts, no macros, no encryption."""
    if len(infos) > MAX_ENTRIES:
        raise _refuse(name, EXCEL["too_many_entries"].format(count=len(infos), limit=MAX_ENTRIES))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            name, EXCEL["too_big_unpacked"].format(size=total, limit=MAX_UNCOMPRESSED_BYTES)
        )
    for info in infos:
        if info.file_size >= _RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise _refuse(
                    name, EXCEL["ratio"].format(ratio=ratio, limit=MAX_RATIO), info.filename
                )
    names = {info.filename for info in infos}
    if any(part not in names for part in _REQUIRED_PARTS):
        raise _refuse(name, EXCEL["not_xlsx"])
    if any(info.flag_bits & 0x1 for info in infos):
        raise _refuse(name, EXCEL["encrypted"])
    if any(n.lower().endswith(".bin") or "vbaproject" in n.lower() for n in names):
        raise _refuse(name, EXCEL["macro"])


def _check_xml(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    """No DTD anywhere: read each XML part (bounded by the limits above) and look for one."""
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            content = archive.read(info)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
            raise _refuse(name, EXCEL["not_xlsx"], info.filename) from None
        if _DTD.search(content):
            raise _refuse(name, EXCEL["doctype"], info.filename)


def needs_neutralising(text: str) -> bool:
    """True when a spreadsheet (or a CSV made from it) could read ``text`` as a formula."""
    return text.startswith(INJECTION_STARTS)


def put_text(ws: Worksheet, row: int, column: int, text: str | None):
    """Write user text as an explicit, quote-prefixed string cell; returns the cell."""
    cell = ws.cell(row=row, column=column)
    if text is None:
        cell.value = None
        return cell
    text = str(text)
    cell.value = text
    cell.data_type = "s"
    if needs_neutralising(text):
        cell.quotePrefix = True
    return cell
