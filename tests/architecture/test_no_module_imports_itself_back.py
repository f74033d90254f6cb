"""No import circle (issue 20): no module of the product imports, directly or through others, a module
that imports it back — function-level imports included (grimp reads every import statement).

Services hand work to Celery by task name (archive.enqueue), never by importing a tasks module, since
the tasks import the services; a circle would be the sign that two modules are one concern in two
places, and it makes import order matter."""
from __future__ import annotations

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every top-level package of the product (a folder with __init__.py beside manage.py), found, not listed:
# a new package is checked without anyone remembering to add it here.
PACKAGES = sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name not in {"tests", "bench"})


def strongly_connected(graph) -> list[set[str]]:
    """Tarjan's algorithm, iterative: the sets of modules that reach each other through imports."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


@pytest.fixture(scope="module")
def import_graph():
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def test_the_product_packages_are_all_seen():
    assert {"archive", "people", "documents", "issuing", "desk", "notifications", "ocr", "signing", "search",
            "api"} <= set(PACKAGES)


def test_no_module_imports_itself_back(import_graph):
    circles = strongly_connected(import_graph)
    described = []
    for circle in circles:
        edges = sorted(f"{a} -> {b}" for a in circle for b in import_graph.find_modules_directly_imported_by(a)
                       if b in circle)
        described.append("\n    ".join(edges))
    assert not circles, "import circles:\n    " + "\n\n    ".join(described)


def test_the_circle_finder_finds_a_circle():
    """The check above can fail: a graph with a planted circle is reported."""
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.z")
    graph.add_import(importer="a.z", imported="a.x")
    assert strongly_connected(graph) == [{"a.x", "a.y", "a.z"}]


def test_ocr_and_signing_stay_free_of_django(import_graph):
    """The libraries without Django (ocr/, signing/) import nothing of the Django side."""
    django_side = {"archive", "people", "documents", "issuing", "desk", "notifications", "accounts", "api",
                   "config", "governance", "intake", "national", "reports", "search"}
    for library in ("ocr", "signing"):
        for module in import_graph.find_descendants(library) | {library}:
            for imported in import_graph.find_modules_directly_imported_by(module):
                assert imported.split(".")[0] not in django_side, f"{module} imports {imported}"
