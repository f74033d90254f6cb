"""A PDF's streams measured once decoded, decoding no more than the limit.

A page's content stream of spaces compresses about 1000:1 (LZW 2500:1): a 1.5 MB upload that
PDFium or pdfminer would inflate to 1.5 GB, holding a worker for 20 seconds and 3 GB. Before
either opens a PDF, every page's content (all its streams together) and every other stream but
images (forms, fonts, patterns, metadata) is decoded here up to `max_stream_bytes` and refused
past it. Images are bounded by their pixel counts (limits.check_pixels), and their codecs (DCT, JPX,
CCITT, JBIG2) are not decoded here.
"""
from __future__ import annotations

import base64
import io
import re
import zlib

from .config import OcrConfig
from .errors import OcrError


class _OverLimit(Exception):
    pass


def check_decoded_streams(data: bytes, config: OcrConfig) -> None:
    """Raise OcrError("content_too_large") when a page's content or another non-image stream
    decodes to more than config.max_stream_bytes. A file pikepdf cannot open (damaged, or
    locked by a password) is left to PDFium, which says what is wrong with it."""
    import pikepdf

    limit = config.max_stream_bytes
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - PasswordError, PdfError: PDFium answers those
        return
    with pdf:
        try:
            _measure(pdf, limit)
        except OcrError:
            raise
        except Exception:  # noqa: BLE001 - a structure pikepdf cannot walk: PDFium decides what it is
            return


def _measure(pdf, limit: int) -> None:
    import pikepdf

    counted: dict[tuple[int, int], int] = {}  # a content stream shared by many pages is decoded once
    for number, page in enumerate(pdf.pages, 1):
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        total = 0
        try:
            for stream in streams:
                if isinstance(stream, pikepdf.Stream):
                    if stream.objgen not in counted:
                        counted[stream.objgen] = decoded_size(stream, limit)
                    total += counted[stream.objgen]
                    if total > limit:
                        raise _OverLimit
        except _OverLimit:
            raise _too_large(f"Isi halaman {number}", f"The content of page {number}", limit) from None
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.objgen in counted or obj.get("/Subtype") == "/Image":
            continue
        try:
            decoded_size(obj, limit)
        except _OverLimit:
            raise _too_large("Salah satu bagian PDF", "A part of the PDF", limit) from None


def _too_large(what_id: str, what_en: str, limit: int) -> OcrError:
    mb = limit // (1024 * 1024)
    return OcrError(
        "content_too_large",
        f"{what_id} terlalu besar setelah dibuka (lebih dari {mb} MB); simpan ulang dokumen sebagai PDF "
        f"biasa atau pindai ulang. / {what_en} is too large once decompressed (over {mb} MB); save the "
        f"document again as a plain PDF or scan it again.",
    )


def decoded_size(stream, budget: int) -> int:
    """Bytes of `stream` once its filters are applied; _OverLimit past `budget`."""
    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    parms = stream.get("/DecodeParms")
    data = stream.read_raw_bytes()
    for index, name in enumerate(names):
        if name in ("/FlateDecode", "/Fl"):
            data = _inflate(data, budget)
        elif name in ("/LZWDecode", "/LZW"):
            early = _parm(parms, index, "/EarlyChange", 1)
            data = _lzw(data, budget, early)
        elif name in ("/RunLengthDecode", "/RL"):
            data = _run_length(data, budget)
        elif name in ("/ASCIIHexDecode", "/AHx"):
            data = _hex(data)
        elif name in ("/ASCII85Decode", "/A85"):
            data = _a85(data)
        else:  # an image codec, or one we do not know: no text to expand
            break
        if len(data) > budget:
            raise _OverLimit
    if len(data) > budget:
        raise _OverLimit
    return len(data)


def _parm(parms, index: int, key: str, default: int) -> int:
    import pikepdf

    if isinstance(parms, pikepdf.Array):
        parms = parms[index] if index < len(parms) else None
    try:
        return int(parms.get(key, default)) if isinstance(parms, pikepdf.Dictionary) else default
    except (TypeError, ValueError):
        return default


def _inflate(data: bytes, budget: int) -> bytes:
    decompressor = zlib.decompressobj()
    try:
        out = decompressor.decompress(data, budget + 1)
    except zlib.error:  # damaged: what PDFium could read of it is no more than this
        return b""
    if len(out) > budget:
        raise _OverLimit
    return out


def _lzw(data: bytes, budget: int, early: int) -> bytes:
    """PDF's LZW (ISO 32000-1 7.4.4): 9- to 12-bit codes, 256 clears the table, 257 ends."""
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, bits, held, previous = 9, 0, 0, None
    for byte in data:
        bits, held = (bits << 8) | byte, held + 8
        while held >= width:
            held -= width
            code = (bits >> held) & ((1 << width) - 1)
            bits &= (1 << held) - 1
            if code == 256:
                table, width, previous = table[:258], 9, None
                continue
            if code == 257:
                return bytes(out)
            if previous is None:
                if code >= len(table):
                    return bytes(out)
                entry = table[code]
            elif code < len(table):
                entry = table[code]
                if len(table) < 4096:
                    table.append(previous + entry[:1])
            elif code == len(table):
                entry = previous + previous[:1]
                table.append(entry)
            else:  # damaged
                return bytes(out)
            out += entry
            if len(out) > budget:
                raise _OverLimit
            previous = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def _run_length(data: bytes, budget: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) > budget:
            raise _OverLimit
    return bytes(out)


_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")


def _hex(data: bytes) -> bytes:
    digits = _NOT_HEX.sub(b"", data.split(b">", 1)[0])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


def _a85(data: bytes) -> bytes:
    body = data.strip()
    if body.startswith(b"<~"):
        body = body[2:]
    body = body.split(b"~>", 1)[0]
    try:
        return base64.a85decode(re.sub(rb"\s", b"", body))
    except ValueError:
        return b""
