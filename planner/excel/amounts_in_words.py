"""Vietnamese amounts in words for official tables: ``1234567`` → "Một triệu hai trăm ba mươi
bốn nghìn năm trăm sáu mươi bảy đồng".

Why not ``num2words``: its ``vi`` converter (0.5.14, checked) drops the "không trăm" that
accounting documents read out for an inner group, giving "một nghìn lẻ năm" for 1.005 and
"một triệu năm mươi nghìn" for 1.050.000 (which a reader hears as 1.000.050), and "một nghìn lẻ
mười" for 1.010. The rules used here are the ones invoices and estimates follow:

- digits are read in groups of three (nghìn, triệu, tỷ; above tỷ the scale repeats:
  "nghìn tỷ", "triệu tỷ"); a group of 000 is skipped;
- every group after the first is read in full: 1.005 → "một nghìn không trăm lẻ năm";
- tens 0 with a units digit → "lẻ"; tens 1 → "mười"; units 1 after tens ≥ 2 → "mốt";
  units 5 after tens ≥ 1 → "lăm".
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")
_BILLION = 1_000_000_000


def _group(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads a zero hundreds digit ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 10⁹; ``full`` when a higher part was already read."""
    words: list[str] = []
    for power in (2, 1, 0):
        part = n // 1000**power % 1000
        if part:
            words += _group(part, full or bool(words))
            if _SCALES[power]:
                words.append(_SCALES[power])
    return words


def _words(n: int) -> list[str]:
    if n < _BILLION:
        return _below_billion(n, False)
    high, low = divmod(n, _BILLION)
    words = [*_words(high), "tỷ"]
    if low:
        words += _below_billion(low, True)
    return words


def number_in_words(n: int) -> str:
    """The cardinal number in lower-case words ("không" for 0)."""
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("cần một số nguyên")
    if n < 0:
        return "âm " + number_in_words(-n)
    return " ".join(_words(n)) if n else DIGITS[0]


def amount_in_words(amount: int) -> str:
    """The amount in đồng as written on an official table, capitalised, ending "đồng"."""
    text = f"{number_in_words(amount)} đồng"
    return text[0].upper() + text[1:]
