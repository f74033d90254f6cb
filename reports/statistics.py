"""Aggregated employee statistics for anyone (Pergub Jatim 73/2020 Pasal 23-24): counts only,
never personal data, with small cells suppressed so that nobody can be singled out.

How nobody is singled out
-------------------------
Every number published is one cell of a single cube: the active employees counted over six
dimensions (agency, golongan, education, sex, age band, status), with every margin ("all" in
any dimension). A query (any filters, at most one breakdown) only reads cells of this cube, so a
cell is shown or hidden the same way whichever query asks for it.

Hiding the cells under k people (k = STATISTICS_MIN_CELL) is not enough: subtraction (an agency's
total minus its men) or a longer combination of published margins gives them back, and
complementary suppression line by line (tried first) still left small groups derivable across
dimensions. So the cube is protected by blocks: the finest cells are partitioned into blocks of
at least k people (small cells merged with their neighbours, least informative dimension given up
first: age band, then education, golongan, status, sex, agency), and a cell is published only
when it takes whole blocks. Every published count, and every sum or difference of published
counts anyone can form, is then a count of whole blocks: k people or more, never fewer.
Zero is shown: it names no one. Tests check this by linear algebra over every published cell.

Counted as of a day
-------------------
The population is the employees on the province's books on the day asked (`as_of`, default today),
read from the dated status history (people.selectors_status), with their appointment type (CPNS,
PNS, PPPK) and golongan as of that day (riwayat pangkat, or the golongan a later promotion decree
replaced; today's where nothing dated reaches back) and their age on that day; agency and education
are today's. A past day's figures are the same however often they are asked. Past days are month ends
only: two cubes a day apart would differ by the people whose status, rank or age band changed that
day, and their difference could single one out (e.g. whoever turned 35 that day); month ends publish
what a monthly series does.

The cube is computed once per day asked and data state (see `statistics_cube`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import Counter
from dataclasses import dataclass
from itertools import product

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from issuing.models import RecordChange
from people.models import Agency, Employee, HistoryEntry, StatusPeriod, Unit
from people.ranks import GOLONGAN_CHOICES
from people.selectors_status import employees_on_roll, employees_with_appointment_on, golongan_on

DIMENSIONS = ("agency", "golongan", "education", "sex", "age_band", "status")

EDUCATION_LEVELS = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3", "lainnya")
_EDUCATION_ALIASES = {"SLTP": "SMP", "SMK": "SMA", "SLTA": "SMA", "SMU": "SMA", "MA": "SMA", "STM": "SMA"}
AGE_BANDS = (("lt25", _("di bawah 25 tahun"), 0, 25), ("25-34", _("25-34 tahun"), 25, 35),
             ("35-44", _("35-44 tahun"), 35, 45), ("45-54", _("45-54 tahun"), 45, 55),
             ("55plus", _("55 tahun ke atas"), 55, 200))
NO_GOLONGAN = "none"


def education_level(pendidikan: str) -> str:
    """'S1 Ilmu Hukum' -> 'S1', 'D-3 Keperawatan' -> 'D3', 'SMK' -> 'SMA'; anything else 'lainnya'."""
    match = re.match(r"\s*([A-Za-z]+)[\s.-]*([0-9IV]*)", pendidikan or "")
    if not match:
        return "lainnya"
    word, number = match[1].upper(), {"I": "1", "II": "2", "III": "3", "IV": "4"}.get(match[2], match[2])
    level = _EDUCATION_ALIASES.get(word, word + number if word in ("S", "D") else word)
    return level if level in EDUCATION_LEVELS else "lainnya"


def age_band(birth: dt.date, today: dt.date) -> str:
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    return next(code for code, _label, low, high in AGE_BANDS if low <= age < high)


def dimension_values() -> dict[str, list[tuple[str, str]]]:
    """Every value each dimension can take, with its label (zero counts are shown too)."""
    return {"agency": list(Agency.objects.order_by("code").values_list("code", "name")), **fixed_dimension_values()}


def fixed_dimension_values() -> dict[str, list[tuple[str, str]]]:
    """The values of every dimension but agency (reference data): fixed, so the API schema lists them."""
    return {
        "golongan": GOLONGAN_CHOICES + [(NO_GOLONGAN, str(_("Tanpa golongan")))],
        "education": [(level, level if level != "lainnya" else str(_("Lainnya"))) for level in EDUCATION_LEVELS],
        "sex": [(str(value), str(label)) for value, label in Employee.Sex.choices],
        "age_band": [(code, str(label)) for code, label, _low, _high in AGE_BANDS],
        "status": [(value, str(label)) for value, label in Employee.EmploymentType.choices],
    }


Cell = tuple  # one value (or None: all) per dimension, in DIMENSIONS order


@dataclass(frozen=True)
class Cube:
    counts: dict  # Cell -> count (absent: 0)
    hidden: frozenset  # cells that are not published
    domains: dict  # dimension index -> tuple of values
    min_cell: int
    as_of: dt.date

    def count(self, cell: Cell) -> int | None:
        """The published count of a cell; None when it is suppressed."""
        return None if cell in self.hidden else self.counts.get(cell, 0)


def _records(day: dt.date):
    """One tuple of the six dimensions per employee on the books on `day`."""
    on_roll = employees_with_appointment_on(day, employees_on_roll(day))
    golongan = golongan_on(day, on_roll)
    rows = on_roll.values_list("pk", "unit__agency__code", "pendidikan", "jenis_kelamin", "tanggal_lahir",
                               "appointment_on", "status_kepegawaian")
    for pk, agency, pendidikan, sex, birth, appointment, today_type in rows.iterator(chunk_size=5000):
        yield (agency, golongan.get(pk) or NO_GOLONGAN, education_level(pendidikan), str(sex), age_band(birth, day),
               appointment or today_type)


def _count_cube(records) -> Counter:
    counts: Counter = Counter()
    masks = list(product((False, True), repeat=len(DIMENSIONS)))
    for record in records:
        for mask in masks:
            counts[tuple(v if keep else None for v, keep in zip(record, mask))] += 1
    return counts


# The order in which dimensions are given up when a small group is merged with its neighbours:
# least informative first, so agency and sex totals stay publishable as long as possible.
GENERALISATION_ORDER = ("age_band", "education", "golongan", "status", "sex", "agency")


def blocks_of(counts: dict, k: int) -> list[list]:
    """Partition the finest cells (all six values set) into blocks of at least k people.

    A finest cell of k or more people is a block of its own. The small ones are merged bottom-up:
    first those that differ only in age band, then also in education, and so on (see
    GENERALISATION_ORDER); a merged group of k or more becomes a block, and a group still short of
    k joins the smallest block already formed within the same group (or waits for the next level)."""
    width = len(DIMENSIONS)
    fine = [cell for cell in counts if None not in cell]
    blocks = [[cell] for cell in fine if counts[cell] >= k]
    block_level = [0] * len(blocks)  # how many dimensions (in GENERALISATION_ORDER) its cells may differ in
    pending = [cell for cell in fine if counts[cell] < k]
    order = [DIMENSIONS.index(name) for name in GENERALISATION_ORDER]

    def key(cell, level):
        dropped = set(order[:level])
        return tuple(None if i in dropped else cell[i] for i in range(width))

    for level in range(1, width + 1):
        if not pending:
            break
        groups: dict = {}
        for cell in pending:
            groups.setdefault(key(cell, level), []).append(cell)
        smallest: dict = {}  # group key -> index of the smallest block lying wholly within that group
        for b, cells in enumerate(blocks):
            if block_level[b] <= level:
                g = key(cells[0], level)
                size = sum(counts[c] for c in cells)
                if g not in smallest or size < smallest[g][0]:
                    smallest[g] = (size, b)
        pending = []
        for g, cells in groups.items():
            if sum(counts[c] for c in cells) >= k:
                blocks.append(cells)
                block_level.append(level)
            elif g in smallest:
                b = smallest[g][1]
                blocks[b] = blocks[b] + cells
                block_level[b] = level
            else:
                pending.extend(cells)
    if pending:  # fewer than k people in the whole population
        blocks.append(pending)
    return blocks


def protect(counts: dict, k: int) -> set:
    """The cells to hide: every cell that splits a block (takes some of its finest cells but not all).

    Every published count is then a sum of whole blocks of k or more people, and so is any sum or
    difference of published counts: whatever queries anyone combines, what they can work out is
    the count of a union of blocks, never a group of 1..k-1 people (a small group's indicator is not
    constant on blocks, so it is not in the span of the published cells)."""
    return hidden_for_blocks(counts, blocks_of(counts, k), k)


def hidden_for_blocks(counts: dict, blocks: list[list], k: int) -> set:
    """The cells that split one of `blocks` (a partition of the finest cells into groups of k or more):
    what is hidden so that every published count takes whole blocks."""
    grand_total = (None,) * len(DIMENSIONS)
    if counts.get(grand_total, 0) < k:
        return set(counts) | {grand_total}
    masks = list(product((False, True), repeat=len(DIMENSIONS)))
    hidden = set()
    for block in blocks:
        touched: Counter = Counter()
        for cell in block:
            for mask in masks:
                touched[tuple(v if keep else None for v, keep in zip(cell, mask))] += 1
        hidden.update(cell for cell, n in touched.items() if n < len(block))
    return hidden


_cache_lock = threading.Lock()
_cache: dict = {}  # day -> (data state, cube); a few days at most
_CACHED_DAYS = 8


def _data_state(day: dt.date, k: int) -> str:
    employees = Employee.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    periods = StatusPeriod.objects.aggregate(n=Count("id"), last=Max("id"), revoked=Max("revoked_at"))
    ranks = HistoryEntry.objects.filter(kind=HistoryEntry.Kind.PANGKAT).aggregate(
        n=Count("id"), last=Max("id"), revoked=Max("revoked_at"))
    decrees = RecordChange.objects.aggregate(n=Count("id"), last=Max("id"), reverted=Max("reverted_at"))
    units = list(Unit.objects.order_by("pk").values_list("pk", "agency_id"))
    agencies = list(Agency.objects.order_by("pk").values_list("pk", "code"))
    return hashlib.sha256(repr((day, timezone.localdate(), k, employees, periods, ranks, decrees, units, agencies))
                          .encode()).hexdigest()


class UnknownValue(ValueError):
    def __init__(self, errors: dict):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def statistics_day(text: str | None, *, today: dt.date | None = None) -> dt.date:
    """The day asked for (`as_of`): today when not given, else a past month's last day.
    Raises UnknownValue naming what is wrong, in words a caller can act on."""
    today = today or timezone.localdate()
    if not text:
        return today
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UnknownValue({"as_of": f"tanggal {text!r} tidak dikenal; tulis YYYY-MM-DD, mis. 2026-09-30"}) from None
    if day > today:
        raise UnknownValue({"as_of": "tanggal di masa depan; statistik hanya menghitung yang sudah terjadi"})
    if day != today and (day + dt.timedelta(days=1)).day != 1:
        raise UnknownValue({"as_of": "pilih hari terakhir suatu bulan (mis. 2026-09-30) atau hari ini: "
                                     "angka dua hari yang berdekatan dapat menunjuk satu orang"})
    return day


def statistics_cube(as_of: dt.date | None = None) -> Cube:
    """The protected cube of the employees on the books on `as_of` (default today), computed once
    per day asked and data state, kept in this process."""
    day, k = as_of or timezone.localdate(), settings.STATISTICS_MIN_CELL
    state = _data_state(day, k)
    with _cache_lock:
        cached = _cache.get(day)
        if cached and cached[0] == state:
            return cached[1]
    values = dimension_values()
    domains = {i: tuple(v for v, _label in values[name]) for i, name in enumerate(DIMENSIONS)}
    counts = dict(_count_cube(_records(day)))
    cube = Cube(counts=counts, hidden=frozenset(protect(counts, k)), domains=domains, min_cell=k, as_of=day)
    with _cache_lock:
        _cache[day] = (state, cube)
        while len(_cache) > _CACHED_DAYS:
            _cache.pop(next(iter(_cache)))
    return cube


def employee_statistics(*, filters: dict[str, str], by: str | None = None, as_of: dt.date | None = None,
                        cube: Cube | None = None, values: dict | None = None) -> dict:
    """The count of active employees on `as_of` (default today; see `statistics_day`) matching
    `filters`, broken down `by` one dimension. Raises UnknownValue naming a wrong dimension or value.
    `cube` and `values` given (a published release, governance.selectors): read from them instead."""
    values = values if values is not None else dimension_values()
    errors = {}
    for name, value in filters.items():
        if name not in DIMENSIONS:
            errors[name] = f"bukan dimensi; pilih dari {', '.join(DIMENSIONS)}"
        elif value not in {v for v, _label in values[name]}:
            errors[name] = f"nilai {value!r} tidak dikenal; lihat /api/v1/statistics/"
    if by is not None and by not in DIMENSIONS:
        errors["by"] = f"pilih salah satu dari {', '.join(DIMENSIONS)}"
    elif by is not None and by in filters:
        errors["by"] = "dimensi ini sudah dipakai sebagai saringan"
    if errors:
        raise UnknownValue(errors)
    cube = cube if cube is not None else statistics_cube(as_of)
    total = tuple(filters.get(name) for name in DIMENSIONS)
    answer = {"population": str(_("Pegawai ASN aktif")), "as_of": cube.as_of.isoformat(), "min_cell": cube.min_cell,
              "filters": filters, "by": by, "total": _published(cube, total), "rows": []}
    if by is not None:
        i = DIMENSIONS.index(by)
        answer["rows"] = [{"value": value, "label": label, **_published(cube, total[:i] + (value,) + total[i + 1:])}
                          for value, label in values[by]]
    return answer


def fine_counts(day: dt.date) -> list[list]:
    """The finest cells of the day's cube as rows [six values…, count]: what a release keeps."""
    counts = Counter(_records(day))
    return [[*cell, n] for cell, n in sorted(counts.items())]


def cube_counts(fine: dict) -> dict:
    """Every cell of the cube (each margin too) counted from the finest cells {cell: count}."""
    counts: Counter = Counter()
    masks = list(product((False, True), repeat=len(DIMENSIONS)))
    for cell, n in fine.items():
        for mask in masks:
            counts[tuple(v if keep else None for v, keep in zip(cell, mask))] += n
    return dict(counts)


def cube_from_fine_counts(rows: list[list], *, values: dict, as_of: dt.date, min_cell: int,
                          blocks: list | None = None) -> Cube:
    """The protected cube rebuilt from a release's finest cells: with the blocks the release was protected
    with (reports.differencing: also across the releases before it), else the same protection as the live one."""
    counts = cube_counts({tuple(cell): n for *cell, n in rows})
    domains = {i: tuple(v for v, _label in values[name]) for i, name in enumerate(DIMENSIONS)}
    if blocks is None:
        hidden = protect(counts, min_cell)
    else:
        hidden = hidden_for_blocks(counts, [[tuple(cell) for cell in block] for block in blocks], min_cell)
    return Cube(counts=counts, hidden=frozenset(hidden), domains=domains, min_cell=min_cell, as_of=as_of)


def data_state(day: dt.date) -> str:
    """The fingerprint of the data a day's figures are computed from (a release records it)."""
    return _data_state(day, settings.STATISTICS_MIN_CELL)


def _published(cube: Cube, cell: Cell) -> dict:
    count = cube.count(cell)
    return {"count": count, "suppressed": count is None}


def statistics_catalogue() -> dict:
    return {"population": str(_("Pegawai ASN aktif")), "min_cell": settings.STATISTICS_MIN_CELL,
            "dimensions": {name: [{"value": v, "label": label} for v, label in values]
                           for name, values in dimension_values().items()}}


def document_statistics(*, as_of: dt.date | None = None, cube: Cube | None = None) -> dict:
    """Completeness of the core documents and the verification backlog, by agency, today or as it
    stood on `as_of`. An agency whose headcount the cube hides (small, or its complement) is hidden
    whole: its document figures would otherwise be its own small population's. `cube`: a release's
    (protected across releases), else the live one of `as_of`."""
    from archive.selectors_monitoring import file_completeness_of_units

    cube = cube if cube is not None else statistics_cube(as_of)
    report = file_completeness_of_units(Unit.objects.all(), on=as_of if as_of != timezone.localdate() else None)
    by_agency: dict[str, dict] = {}
    for row in report["units"]:
        agency = by_agency.setdefault(row["agency"], {"agency": row["agency"], "name": row["agency_name"],
                                                      "required": 0, "present": 0, "verified": 0, "backlog": 0})
        for key in ("required", "present", "verified", "backlog"):
            agency[key] += row[key]
    rows = []
    for code, name in Agency.objects.order_by("code").values_list("code", "name"):
        figures = by_agency.get(code, {"required": 0, "present": 0, "verified": 0, "backlog": 0})
        employees = cube.count((code,) + (None,) * (len(DIMENSIONS) - 1))
        if employees is None:
            rows.append({"agency": code, "name": name, "suppressed": True, "employees": None, "required": None,
                         "present": None, "verified": None, "completeness": None, "backlog": None})
            continue
        rows.append({"agency": code, "name": name, "suppressed": False, "employees": employees,
                     "required": figures["required"], "present": figures["present"], "verified": figures["verified"],
                     "completeness": _percent(figures["verified"], figures["required"]),
                     "backlog": figures["backlog"]})
    totals = report["totals"]
    return {"as_of": cube.as_of.isoformat(), "min_cell": cube.min_cell,
            "core_document_types": report["core_document_types"],
            "core_document_types_by_status": report["core_document_types_by_status"], "agencies": rows,
            "totals": {"employees": cube.count((None,) * len(DIMENSIONS)), "required": totals["required"],
                       "present": totals["present"], "verified": totals["verified"],
                       "completeness": totals["completeness"], "backlog": totals["backlog"]}}


def _percent(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole else None
