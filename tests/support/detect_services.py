"""Print shell `export` lines for the local services the tests can use.

`make test` evals this before pytest so that a laptop without PostgreSQL or Redis
still runs the embedded-default tests, while CI (REQUIRE_SERVICES=1) always points
at the real services and fails when one is missing.
"""
import os
import socket


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main() -> None:
    required = os.environ.get("REQUIRE_SERVICES") == "1"
    if "DATABASE_URL" not in os.environ and (required or reachable("127.0.0.1", 5432)):
        print("export DATABASE_URL=postgres://postgres@127.0.0.1:5432/berkas_asn")
    if "TEST_REDIS_URL" not in os.environ and (required or reachable("127.0.0.1", 6379)):
        print("export TEST_REDIS_URL=redis://127.0.0.1:6379/15")


if __name__ == "__main__":
    main()
