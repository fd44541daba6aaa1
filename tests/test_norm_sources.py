"""Norm sources say what the texts really require, and 2025 commune norms cite the 2025 texts.

Decree 61/2018/NĐ-CP Art. 13 clause 2 point b lists: an information area, counters by field,
waiting seats, writing desks, internet PCs for citizens, cameras over the working area, a
queue machine linked to the one-stop system and touch screens. The list is written here, not
read from the catalog, so a norm that claims more than the decree fails.
"""

from __future__ import annotations

from planner.models import Level

ARTICLE = "điểm b khoản 2 Điều 13 Nghị định 61/2018/NĐ-CP"
REALLY_REQUIRED = {
    "PC-PUBLIC",
    "CAM-IP",
    "QUEUE-SYS",
    "KIOSK",
    "FURN-SEAT",
    "FURN-DESK",
    "FURN-COUNTER",
}
NOT_REQUIRED = {"CTR-DISPLAY", "RATING-TAB", "NVR", "SW-KIOSK", "SW-RATING", "QUEUE-SW"}


def _claims_required_by_61(source: str) -> bool:
    text = source.lower()
    return ARTICLE.lower() + " yêu cầu" in text or ("bắt buộc" in text and "61/2018" in text)


def test_only_the_listed_items_are_said_to_be_required_by_decree_61(catalog):
    claimed = {n.item for n in catalog.norms if _claims_required_by_61(n.source)}
    assert claimed <= REALLY_REQUIRED, claimed - REALLY_REQUIRED
    assert claimed == REALLY_REQUIRED  # and each of them says so at province and district level


def test_devices_the_decree_does_not_list_have_an_honest_basis(catalog):
    for norm in catalog.norms:
        if norm.item in NOT_REQUIRED:
            assert not _claims_required_by_61(norm.source), (norm.level, norm.item)
            assert "tỉnh" in norm.source and norm.confidence != "confirmed", (norm.level, norm.item)


def test_rating_tablets_cite_the_three_options_of_circular_01_2018(catalog):
    for norm in catalog.norms:
        if norm.item == "RATING-TAB":
            assert "điểm a khoản 3 Điều 14 Thông tư 01/2018/TT-VPCP" in norm.source, norm.level


def test_2025_commune_norms_cite_decree_118_2025_not_61_2018(catalog):
    for norm in catalog.norms_for(Level.COMMUNE):
        assert "61/2018" not in norm.source, norm.item
        if norm.item in REALLY_REQUIRED:
            assert "118/2025/NĐ-CP" in norm.source and "03/2025/TT-VPCP" in norm.source, norm.item


def test_no_source_cites_a_file_outside_the_legal_texts(catalog):
    for item in catalog.items.values():
        assert ".md" not in item.source, item.code
    for norm in catalog.norms:
        assert ".md" not in norm.source, (norm.level, norm.item)
