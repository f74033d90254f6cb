"""Signing and validating work when called from code that already runs an asyncio loop (an
async view, a test driving a browser): they once ran their own loop on the caller's thread and
failed there with "Cannot run the event loop while another loop is running"."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from signing.validate import Validator

from .conftest import EMPLOYEE, VALID_FIELDS


def test_signing_works_where_an_event_loop_already_runs(issuer, test_pki):
    async def from_inside_a_running_loop():
        issued = issuer.issue("kgb", number="822.3/77/204/2026", employee=EMPLOYEE, fields=VALID_FIELDS["kgb"],
                              verify_token="loop-inside-0001")
        with Validator([test_pki.root_cert]) as validator:
            return validator.validate(issued.pdf)

    with ThreadPoolExecutor(1) as thread:  # a thread of its own: this one may already run a loop
        report = thread.submit(asyncio.run, from_inside_a_running_loop()).result()
    assert report.authentic, report.as_dict()
