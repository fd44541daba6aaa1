"""Words other programs look for in the files users exchange: Vietnamese in every language.

The district's survey sheet is read back by ``planner import`` and by the province's own
checks, which find the columns by their header (*Mã thiết bị, Số lượng, Tình trạng, Năm đưa vào
sử dụng*); workbooks are totalled by finding the grand-total row by its label (*Tổng cộng*).
The catalog and centre CSV files may write yes and no as *có* / *không* (read by
``planner.csvdata.as_bool``). An English user's file must still say these words, so this table
has no English entry and never switches (``planner.labels.FIXED_TABLES``). The column words
are the same as ``COLUMN``'s.
"""

from __future__ import annotations

EXCHANGE = {
    "item": "Mã thiết bị",
    "quantity": "Số lượng",
    "condition": "Tình trạng",
    "year_acquired": "Năm đưa vào sử dụng",
    "total": "Tổng cộng",
    # yes and no as the catalog and centre CSV files may write them (planner.csvdata.as_bool)
    "yes": "có",
    "no": "không",
}
