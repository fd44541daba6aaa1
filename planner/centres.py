"""The centre lists of the two datasets, read from ``catalogs/centres/`` and ``vietnam-provinces``.

- ``thanh-hoa-2017``: the provincial centre (in the Provincial Library building) and the 27
  district-level centres of the source letter, from a CSV written from docs/domain.md §1.
- ``thanh-hoa-2025``: the provincial centre and the 166 commune-level centres in force since
  1 July 2025, taken at load time from the ``vietnam-provinces`` package (province code 38),
  not typed in. Whether a commune is mountainous is not in that package; it follows from the
  former district its code belonged to (``thanh-hoa-2025-former-district.csv``, derived from
  the package's pre-2025 data) and that district's flag in the 2017 list. That gives 76
  mountainous communes, which is the province's published figure.
"""

from __future__ import annotations

from pathlib import Path

from vietnam_provinces import ProvinceCode, VietNamDivisionType, Ward

from planner import labels
from planner.catalog import CATALOG_DIR
from planner.csvdata import as_bool, as_float, load_models, read_rows
from planner.errors import BadInput
from planner.models import Centre, Confidence, Level

DATASETS = ("thanh-hoa-2017", "thanh-hoa-2025")
PROVINCE_CODE = 38

CENTRE_COLUMNS = (
    "code",
    "name",
    "level",
    "type",
    "parent",
    "mountainous",
    "mountainous_confidence",
    "latitude",
    "longitude",
    "headquarters_note",
)

# The official names and notes the centres are stored with: Vietnamese in every language
# (labels.RECORDED never switches, so reading it here at import time freezes nothing).
_COMMUNE_NAME = {
    VietNamDivisionType.PHUONG: labels.RECORDED["centre_ward"],
    VietNamDivisionType.XA: labels.RECORDED["centre_commune"],
    VietNamDivisionType.DAC_KHU: labels.RECORDED["centre_special_zone"],
}
_DISTRICT_PREFIX = labels.RECORDED["centre_prefix_2017"]


def _centres_dir(catalog_dir: Path) -> Path:
    return catalog_dir / "centres"


def load_centre_file(path: Path) -> list[Centre]:
    return load_models(
        path,
        Centre,
        converters={"mountainous": as_bool, "latitude": as_float, "longitude": as_float},
        required=CENTRE_COLUMNS,
        key=lambda centre: centre.code,
    )


def _former_districts(catalog_dir: Path) -> dict[str, str]:
    _, rows = read_rows(_centres_dir(catalog_dir) / "thanh-hoa-2025-former-district.csv")
    return {row["ward_code"]: row["former_district_code"] for row in rows}


def _derived_from(district: Centre) -> str:
    """Why a 2025 commune is (not) mountainous: its former district's flag, not its own record.

    No list of the 2025 communes says which are mountainous; the flag is inherited from the
    district the commune's code belonged to before 1 July 2025, so it is only as sure as that
    district's flag (and a commune merged across a district border takes one side's flag).
    """
    place = district.name.removeprefix(_DISTRICT_PREFIX)
    kind = labels.RECORDED["mountainous" if district.mountainous else "not_mountainous"]
    return labels.RECORDED["mountainous_derived"].format(place=place, code=district.code, kind=kind)


def _communes_2025(catalog_dir: Path, province: Centre) -> list[Centre]:
    districts = {
        c.code: c for c in load_centre_file(_centres_dir(catalog_dir) / "thanh-hoa-2017.csv")
    }
    former = _former_districts(catalog_dir)
    centres = []
    for ward in Ward.iter_by_province(ProvinceCode(PROVINCE_CODE)):
        code = str(int(ward.code))
        district = districts.get(former.get(code, ""))
        if district is None:
            raise BadInput(labels.DATA_FILE["no_former_district"].format(code=code, name=ward.name))
        centres.append(
            Centre(
                code=code,
                name=f"{_COMMUNE_NAME[ward.division_type]} {ward.name.split(' ', 1)[1]}",
                level=Level.COMMUNE,
                type=ward.division_type.name.lower(),
                parent=province.code,
                mountainous=district.mountainous,
                mountainous_confidence=Confidence.INDICATIVE,
                mountainous_source=_derived_from(district),
                latitude=district.latitude,
                longitude=district.longitude,
                headquarters_note=labels.RECORDED["former_district"].format(
                    place=district.name.removeprefix(_DISTRICT_PREFIX)
                ),
            )
        )
    return centres


def load_centres(dataset: str, catalog_dir: Path = CATALOG_DIR) -> list[Centre]:
    """All centres of a dataset, the provincial centre first."""
    folder = _centres_dir(catalog_dir)
    if dataset == "thanh-hoa-2017":
        return load_centre_file(folder / "thanh-hoa-2017.csv")
    if dataset == "thanh-hoa-2025":
        (province,) = load_centre_file(folder / "thanh-hoa-2025-province.csv")
        return [province, *_communes_2025(catalog_dir, province)]
    raise BadInput(
        labels.DATA_FILE["unknown_dataset"].format(dataset=dataset, known=", ".join(DATASETS))
    )
