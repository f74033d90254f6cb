"""Numbers are unique per template and year even when issued at the same moment."""
import threading

import pytest
from django.db import connection

from issuing.services.numbering import next_number

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_number_requests_get_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises every write anyway)")
    numbers, errors = [], []
    start = threading.Barrier(8)

    def take(count):
        try:
            start.wait()
            for _ in range(count):
                numbers.append(next_number("sk_kenaikan_pangkat", 2026))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(25,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(numbers) == 200 and len(set(numbers)) == 200
    assert {int(n.split("/")[1]) for n in numbers} == set(range(1, 201))


def test_two_concurrent_issues_get_different_numbers(demo, users, settings, product_pki_dir):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL")
    from people.models import Employee
    from issuing.services.issuing import issued_document_issue

    results, errors = [], []
    start = threading.Barrier(2)
    employees = list(Employee.objects.order_by("nip")[:2])

    def issue_one(employee):
        try:
            start.wait()
            results.append(issued_document_issue(actor=users["admin"], template="kgb", employee=employee,
                                                 fields={"gaji_baru": 4123400, "tmt": "2026-04-01"}).number)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue_one, args=(e,)) for e in employees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(set(results)) == 2
