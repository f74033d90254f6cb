"""The test PKI's services keep an HTTP/1.1 connection open between requests (a signing session's
timestamps reuse one connection instead of a new TCP connection and server thread each), and
stopping them closes kept-alive connections too and frees the port."""

from __future__ import annotations

import hashlib
import http.client
import socket
from urllib.parse import urlparse

import pytest
from asn1crypto import tsp

from signing import pki


def _timestamp_request(n: int) -> bytes:
    digest = hashlib.sha256(str(n).encode()).digest()
    return tsp.TimeStampReq({
        "version": 1,
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "cert_req": True,
    }).dump()


def _granted(body: bytes) -> bool:
    return tsp.TimeStampResp.load(body)["status"]["status"].native == "granted"


def test_one_connection_serves_many_timestamps(test_pki):
    url = urlparse(test_pki.tsa_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        for n in range(3):
            connection.request("POST", url.path, body=_timestamp_request(n),
                               headers={"Content-Type": "application/timestamp-query"})
            response = connection.getresponse()
            assert _granted(response.read())
            assert response.version == 11 and response.getheader("Connection", "").lower() != "close"
            assert not response.will_close
    finally:
        connection.close()


def test_stop_closes_kept_alive_connections_and_frees_the_port(tmp_path):
    directory = tmp_path / "pki"
    test_pki = pki.init_pki(directory)  # a free port of its own
    services = pki.serve_pki(directory)
    url = urlparse(test_pki.tsa_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request("POST", url.path, body=_timestamp_request(1),
                       headers={"Content-Type": "application/timestamp-query"})
    assert _granted(connection.getresponse().read())

    services.stop()

    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        connection.request("POST", url.path, body=_timestamp_request(2),
                           headers={"Content-Type": "application/timestamp-query"})
        connection.getresponse().read()
    with socket.socket() as probe:  # nothing listens any more: the port can be bound again
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", url.port))
    connection.close()
