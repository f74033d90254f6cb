"""Statistics release protection benchmark: the cost of protecting a release against the releases before it.

    python bench/statistics_release_bench.py [--employees 20000] [--earlier 1] [--monthly-change 0.02]

No database: a synthetic province (agencies, golongan, education, sex, age band and status drawn at random,
which spreads people over more finest cells than a real province does) counted as finest cells; each earlier
release is the one before with `--monthly-change` of the people changed (half a new record, half a status
change). Prints one JSON line: seconds to protect the newest release on its own (reports.statistics, as the
live cube) and against the earlier ones (reports.differencing, what preparing a release does), the cells of
the cube and how many each hides, and the machine's load.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=20000)
    parser.add_argument("--earlier", type=int, default=1)
    parser.add_argument("--monthly-change", type=float, default=0.02)
    parser.add_argument("--min-cell", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from reports.differencing import Earlier, blocks_across_releases
    from reports.statistics import blocks_of, cube_counts, hidden_for_blocks

    rng, k = random.Random(1), args.min_cell

    def person():
        return (f"A{rng.randint(1, 40):02d}", rng.choice(["II/a", "II/b", "II/c", "III/a", "III/b", "III/c", "III/d",
                                                           "IV/a", "IV/b"]),
                rng.choice(["SMA", "D3", "S1", "S2", "S3"]), rng.choice(["1", "2"]),
                rng.choice(["lt25", "25-34", "35-44", "45-54", "55plus"]),
                rng.choices(["PNS", "CPNS", "PPPK"], [8, 1, 1])[0])

    people = [person() for _ in range(args.employees)]
    earlier = []
    for _month in range(args.earlier):
        fine = dict(Counter(people))
        earlier.append(Earlier(fine, frozenset(hidden_for_blocks(cube_counts(fine), blocks_of(fine, k), k))))
        for i in rng.sample(range(len(people)), int(len(people) * args.monthly_change)):
            people[i] = person() if rng.random() < 0.5 else people[i][:5] + ("PNS",)
    now = dict(Counter(people))
    cube = cube_counts(now)
    started = time.perf_counter()
    alone = hidden_for_blocks(cube, blocks_of(now, k), k)
    seconds_alone = time.perf_counter() - started
    started = time.perf_counter()
    across = hidden_for_blocks(cube, blocks_across_releases(now, earlier, k), k)
    seconds_across = time.perf_counter() - started
    print(json.dumps({"bench": "statistics_release_protection", "employees": args.employees,
                      "earlier_releases": args.earlier, "monthly_change": args.monthly_change,
                      "fine_cells": len(now), "cells": len(cube), "seconds_alone": round(seconds_alone, 2),
                      "seconds_across": round(seconds_across, 2), "hidden_alone": len(alone),
                      "hidden_across": len(across), "load": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
