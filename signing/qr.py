"""QR codes that lead to the verify page: ``{base_url}/verify/{token}``.

Drawn as vector rectangles (no raster image): sharp when printed, tiny in
the file, and nothing for PDF/A to object to.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import qrcode
from qrcode.constants import ERROR_CORRECT_M

MASK = 2

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,128}$")


def verify_url(base_url: str, token: str) -> str:
    """``{base_url}/verify/{token}``; the token must be URL-safe."""
    if not _TOKEN.match(token):
        raise ValueError("verify token must be 8-128 characters of A-Z a-z 0-9 _ -")
    return f"{base_url.rstrip('/')}/verify/{quote(token)}"


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR modules (True = dark), without the quiet zone."""
    # A fixed mask: any of the eight is a valid code; scoring all eight to
    # pick the "best" one was half the rendering time of a decree.
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1, mask_pattern=MASK)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.get_matrix()


def draw_qr(canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw the QR code for ``data`` on a reportlab canvas, bottom-left corner
    at (x, y), ``size`` points wide and high (quiet zone not included: leave
    four modules of white around it)."""
    matrix = qr_matrix(data)
    n = len(matrix)
    canvas.saveState()
    # draw in module units: integer coordinates, short content stream
    canvas.translate(x, y)
    canvas.scale(size / n, size / n)
    # rectangles written as PDF operators directly: ~220 runs per code, and
    # reportlab's generic number formatting of each was a third of a render
    ops = ["0 0 0 rg"]
    for row_index, row in enumerate(matrix):
        bottom = n - row_index - 1
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                ops.append(f"{start} {bottom} {col - start} 1 re")
            else:
                col += 1
    ops.append("f")
    canvas.addLiteral("\n".join(ops))
    canvas.restoreState()
