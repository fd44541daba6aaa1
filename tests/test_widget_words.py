"""Streamlit's own English words are replaced: drop-down placeholders and the style sheet."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app_pages.widget_words import style_sheet
from planner import labels

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "app_pages").glob("*.py")), ROOT / "streamlit_app.py"]


def _drop_downs(path: Path) -> list[tuple[int, bool]]:
    """(line, has a placeholder) of every ``….selectbox(…)`` and ``….multiselect(…)`` call."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("selectbox", "multiselect")
        ):
            out.append((node.lineno, any(k.arg == "placeholder" for k in node.keywords)))
    return out


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_drop_down_has_our_placeholder(path):
    """Without one, an empty drop-down says "No options to select" (Streamlit's English)."""
    missing = [line for line, has in _drop_downs(path) if not has]
    assert not missing, f"{path.name}: drop-downs without placeholder= at lines {missing}"


def test_the_scan_finds_the_drop_downs():
    """The check above reads real calls (a scan that finds none would pass for nothing)."""
    assert sum(len(_drop_downs(p)) for p in PAGES) >= 20


def test_the_style_sheet_writes_vietnamese_words_in_place_of_streamlits():
    css = style_sheet(5)
    assert '"Chọn tệp"' in css and '"Tối đa 5 MB mỗi tệp"' in css and '"Dừng"' in css
    assert "stFileUploaderDropzone" in css and "stStatusWidget" in css
    assert '"Upload"' not in css and '"Stop"' not in css  # Streamlit's words, as content


def test_the_style_sheet_follows_the_language_and_escapes_quotes():
    with labels.language("en"):
        assert '"Choose a file"' in style_sheet(5) and '"Stop"' in style_sheet(5)
    from app_pages.widget_words import _css_text

    assert _css_text('a "b" \\c') == '"a \\"b\\" \\\\c"'
