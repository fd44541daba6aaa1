"""Safe handling of workbooks: uploads checked before parsing, user text neutralised on export.

Uploads (:func:`check_upload`) are refused before openpyxl sees them when they are

- empty or larger than :data:`MAX_FILE_BYTES`;
- not a zip archive holding ``[Content_Types].xml`` and ``xl/workbook.xml`` (xls, csv, random
  bytes), encrypted, or carrying macros / embedded objects (``.bin`` parts);
- a zip bomb: more than :data:`MAX_ENTRIES` entries, more than :data:`MAX_UNCOMPRESSED_BYTES`
  once unpacked, or compressed more than :data:`MAX_RATIO` : 1 — first by the sizes the central
  directory declares, then by the bytes each part really inflates to, counted in chunks with a
  hard ceiling (a part that lies about its size gains nothing);
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
import zlib

import openpyxl.xml
from openpyxl.worksheet.worksheet import Worksheet

from planner.errors import BadInput, Problem
from planner.labels import EXCEL, SAFETY

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 100
# A filled-in survey template unpacks to well under 1 MiB (the provincial centre's: 78 KB);
# openpyxl needs about 1.6 s per MiB of sheet XML, so 4 MiB keeps the worst accepted parse short.
MAX_UNCOMPRESSED_BYTES = 4 * 1024 * 1024
MAX_RATIO = 100
_CHUNK = 64 * 1024
_DTD_OVERLAP = 16  # longer than "<!DOCTYPE", so a declaration split by a chunk edge is found
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
        _inflate_and_scan(archive, infos, name)


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Limits on what the central directory declares, required parts, no macros, no encryption.

    Declared sizes are only a first, cheap filter (an honest 45 MiB sheet stops here); they can
    lie, so :func:`_inflate_and_scan` counts the real bytes afterwards.
    """
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


def _inflate_and_scan(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Inflate every part in chunks, counting the real bytes, and look for a DTD in the XML.

    Whatever the archive claims, no more than :data:`MAX_UNCOMPRESSED_BYTES` (plus one chunk)
    is ever inflated and at most one chunk is held in memory: the total, each part's real ratio
    and the ``<!DOCTYPE``/``<!ENTITY`` search (with an overlap across chunk boundaries) are
    checked as the bytes come. openpyxl later reads the same parts through the same ``zipfile``,
    so it cannot be handed more than was counted here. A part that does not inflate to what it
    claims (CRC or length mismatch) is refused.
    """
    total = 0
    for info in infos:
        xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        size, tail = 0, b""
        try:
            with archive.open(info) as part:
                while chunk := part.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    _check_inflated(name, info, size, total)
                    if xml and _DTD.search(tail + chunk):
                        raise _refuse(name, EXCEL["doctype"], info.filename)
                    tail = chunk[-_DTD_OVERLAP:]
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            OSError,
            EOFError,
            RuntimeError,
            ValueError,
            zlib.error,
        ):
            raise _refuse(
                name, SAFETY["part_unreadable"].format(part=info.filename), info.filename
            ) from None


def _check_inflated(name: str, info: zipfile.ZipInfo, size: int, total: int) -> None:
    """The real bytes so far: the whole archive's ceiling and this part's compression ratio."""
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            name, SAFETY["inflated_too_big"].format(limit=MAX_UNCOMPRESSED_BYTES), info.filename
        )
    ratio = size / max(info.compress_size, 1)
    if size >= _RATIO_MIN_BYTES and ratio > MAX_RATIO:
        raise _refuse(name, EXCEL["ratio"].format(ratio=ratio, limit=MAX_RATIO), info.filename)


def needs_neutralising(text: str) -> bool:
    """True when a spreadsheet (or a CSV made from it) could read ``text`` as a formula.

    Leading spaces, tabs and line breaks count too: several spreadsheet and CSV readers trim
    them before deciding, so ``" =HYPERLINK(…)"`` is as dangerous as ``"=HYPERLINK(…)"``.
    """
    return text.startswith(INJECTION_STARTS) or text.lstrip().startswith(INJECTION_STARTS)


def looks_like_formula(value: object) -> bool:
    """A typed text that is a formula once leading blanks are trimmed (refused on import)."""
    return isinstance(value, str) and value.lstrip().startswith("=")


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
