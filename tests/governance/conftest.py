"""Governance tests use the statistics tests' province."""
from tests.reports.conftest import population  # noqa: F401
