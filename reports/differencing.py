"""Statistics over time: two releases cannot be differenced to single anyone out (issue 22).

The attack
----------
Each release is protected on its own (reports.statistics: every published count takes whole blocks of at
least k people). But a watcher keeps every release. Counted again after one status change, a cell fixing
five of the six attributes, published in both, moved by 1: the difference is a group of one person — the
one who changed — and its five attributes are the cell's.

The method: suppression across the releases a watcher could compare
--------------------------------------------------------------------
A new release is compared with every release ever approved (withdrawn ones were public too). Its blocks
are formed as before (k or more people each), then merged further until every cell published both in it and
in an earlier release changed by 0 or by at least k — the whole population aside, which fixes no attribute.
A cell with a small change gets a block inside it (one where the change is) merged with a block outside it,
so it splits a block and is hidden; the partner is found at the lowest level of generalisation
(GENERALISATION_ORDER), preferably one with which the change settles (the person who moved from one block to
the other: merged, the move is inside one block and shows nowhere; or retirements spread over neighbours,
adding up to k), else one that changed the same way, else the smallest. The merged blocks are kept on the
release and the public API serves the release with them.

What holds (tests/governance/test_two_releases_cannot_be_differenced_to_single_out_a_person.py):
- within each release, as before: every count and any combination of counts is a count of whole blocks
  of k or more people;
- across releases: every count published in both moved by 0 or by k or more; and for one status change
  between two releases, the change is orthogonal to everything both releases publish (checked by linear
  algebra over the intersection of their spans): it cannot be worked out at all.

What is not claimed: with many changes at once, a combination of several counts published in both could
net a small change although each count's own change is 0 or k or more; and a watcher sees *that* cells
published before are hidden now, and where. Releasing at a fixed cadence (the last day of each month, a
month's many changes together) is what blurs both. The counts a release hides are the price.
"""
from __future__ import annotations

from itertools import product

from reports.statistics import (DIMENSIONS, GENERALISATION_ORDER, blocks_of, cube_counts,
                                hidden_for_blocks)

Cell = tuple


def fine_counts_dict(rows: list[list]) -> dict:
    """A release's finest cells ([six values…, count] rows) as {cell: count}."""
    return {tuple(cell): n for *cell, n in rows}


class Earlier:
    """An earlier approved release as a watcher holds it: its finest counts, every cell's count and what it hid."""

    def __init__(self, fine: dict, hidden: frozenset):
        self.fine = fine
        self.cube = cube_counts(fine)
        self.hidden = hidden


_DROPPED = [{DIMENSIONS.index(name) for name in GENERALISATION_ORDER[:level]} for level in range(len(DIMENSIONS) + 1)]
_MASKS = list(product((False, True), repeat=len(DIMENSIONS)))


def _level_key(cell: Cell, level: int) -> tuple:
    dropped = _DROPPED[level]
    return tuple(None if i in dropped else v for i, v in enumerate(cell))


def _uniform_keys(blocks: list[list]) -> list[list]:
    """[level][block] -> the key all the block's cells share once `level` dimensions are given up, or None."""
    table = []
    for level in range(len(DIMENSIONS) + 1):
        row = []
        for block in blocks:
            keys = {_level_key(cell, level) for cell in block}
            row.append(keys.pop() if len(keys) == 1 else None)
        table.append(row)
    return table


def _change(block: list, now: dict, before: dict) -> int:
    return sum(now.get(cell, 0) - before.get(cell, 0) for cell in block)


def blocks_across_releases(now: dict, earlier: list[Earlier], k: int) -> list[list]:
    """The blocks of a new release with finest counts `now` ({cell: count}), protected against every
    release in `earlier` as the module says. (A finest cell empty now is published as 0 and in no block: its
    change is in every published cell that contains it, and those are checked.)"""
    blocks = blocks_of(now, k)
    if not earlier:
        return blocks
    grand_total = (None,) * len(DIMENSIONS)
    cube_now = cube_counts(now)
    while len(blocks) > 1:
        # What must change: the cells published in both with a small change.
        changes = [[_change(block, now, release.fine) for release in earlier] for block in blocks]
        hidden = hidden_for_blocks(cube_now, blocks, k)
        small = {}  # cell -> the earlier release it changed against
        for r, release in enumerate(earlier):
            for cell in set(cube_now) | set(release.cube):
                if cell == grand_total or cell in hidden or cell in release.hidden or cell in small:
                    continue
                if 0 < abs(cube_now.get(cell, 0) - release.cube.get(cell, 0)) < k:
                    small[cell] = r
        if not small:
            break
        inside: dict = {}  # small cell -> the blocks with a finest cell in it
        for b, block in enumerate(blocks):
            for fine in block:
                for mask in _MASKS:
                    cell = tuple(v if keep else None for v, keep in zip(fine, mask))
                    if cell in small:
                        inside.setdefault(cell, set()).add(b)
        problems = []  # (a block inside a cell with a small change — one where the change is, first —, that cell)
        for cell, r in small.items():
            candidates = sorted(inside.get(cell, ()), key=lambda b: (changes[b][r] == 0, b))
            if candidates:
                problems.append((candidates[0], cell))
        merged = _merge(blocks, changes, problems, k)
        if len(merged) == len(blocks):  # nothing left to merge with
            break
        blocks = merged
    return blocks


def _merge(blocks: list[list], changes: list[list[int]], problems: list, k: int) -> list[list]:
    """One round: each problem block merged with one partner (a block merged this round is left for the next)."""
    merged_into: dict[int, int] = {}
    taken: set[int] = set()
    keys = _uniform_keys(blocks)
    members: list[dict] = [{} for _level in keys]  # [level][key] -> the blocks uniform with that key
    for level, row in enumerate(keys):
        for c, key in enumerate(row):
            if key is not None:
                members[level].setdefault(key, []).append(c)
    for b, outside_of in problems:
        if b in taken:
            continue
        partner = _partner(blocks, keys, members, changes, b, outside_of, taken, k)
        if partner is None:
            continue
        merged_into[partner] = b
        taken.update((b, partner))
    result = []
    for i, block in enumerate(blocks):
        if i in merged_into.values() and i not in merged_into:
            partner = next(p for p, into in merged_into.items() if into == i)
            result.append(block + blocks[partner])
        elif i not in merged_into:
            result.append(block)
    return result


def _inside(cell: Cell, block: list) -> bool:
    return all(all(v is None or v == f for v, f in zip(cell, fine)) for fine in block)


def _partner(blocks, keys, members, changes, b, outside_of, taken, k) -> int | None:
    """The block to merge block b with, at the lowest level of generalisation where b has a neighbour (never one
    inside `outside_of`): one that settles the change (merged: 0, or k or more — someone who moved between the
    two, or a change split across them), else one that changed the same way (adding up towards k), else the
    smallest."""
    def settles(c):
        return all(d == 0 or abs(d) >= k for d in (x + y for x, y in zip(changes[b], changes[c])))

    def same_way(c):
        return any(x * y > 0 for x, y in zip(changes[b], changes[c]))

    for level in range(1, len(DIMENSIONS) + 1):
        key = keys[level][b]
        if key is None:
            continue
        candidates = [c for c in members[level][key]
                      if c != b and c not in taken and not (outside_of is not None and _inside(outside_of, blocks[c]))]
        if candidates:
            return min(candidates, key=lambda c: (not settles(c), not same_way(c), len(blocks[c]), c))
    return None
