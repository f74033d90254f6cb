"""Signing: the one entry point that turns a PDF into a PAdES B-LTA document.

Every signature made here is

* a **certification** signature (DocMDP, no changes allowed), so any later
  change other than validation data and document timestamps is detected;
* PAdES (``/ETSI.CAdES.detached``) with a **signature timestamp** from an
  RFC 3161 TSA (B-T);
* followed by the revocation information of the signer's and the TSA's
  chains in the document security store (B-LT);
* followed by a **document timestamp** over the whole file (B-LTA);
* visible: a stamp with the signer's name, position and the signing time.

Two ways in:

``sign_pdf(pdf_bytes, signer=..., meta=..., config=...)``
    one document, everything set up and torn down around it;

``SigningSession(config, signer)``
    a long-lived session for a worker: it keeps the loaded key, one event
    loop with one HTTP session for the TSA and OCSP/CRL fetches, one
    validation context (refreshed every ``validation_context_ttl_seconds``, so
    OCSP responses and CRLs are fetched once per period, not per document),
    the TSA certificates, and a fixed ``/Contents`` size, so no throwaway
    signature is made to measure it.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import uharfbuzz as hb
from fontTools import ttLib
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngine
from pyhanko.pdf_utils.font.opentype import CIDFontType2, GlyphAccumulator, GlyphAccumulatorFactory, _read_ps_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import (
    DSSContentSettings,
    SigDSSPlacementPreference,
    TimestampDSSContentSettings,
)
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from .config import SignatureMeta, SigningConfig
from .errors import SigningError  # noqa: F401  (signing.sign.SigningError, as always)
from .loop import LoopThread
from .signers import DocumentSigner, load_certificates, signer_from_config

STAMP_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

STAMP_TEXT = (
    "Ditandatangani secara elektronik oleh\n"
    "%(signer)s\n"
    "%(position)s\n"
    "Waktu: %(ts)s"
)




@functools.lru_cache(maxsize=4)
def stamp_font_bytes(font_path: str = str(STAMP_FONT)) -> bytes:
    """A Latin-1 subset of ``font_path`` without layout tables, rescaled to
    1000 units per em; made once per process, kept in memory.

    pyHanko embeds a subset of the stamp font with every signature; cutting
    the 700 KB DejaVu font down each time cost ~400 ms per signature.
    """
    from fontTools import subset
    from fontTools.ttLib.scaleUpem import scale_upem

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(font_path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(range(0x20, 0x7F)) + list(range(0xA0, 0x100)))
    subsetter.subset(font)
    # pyHanko writes glyph widths (/W) and TJ adjustments in font units as if
    # every font had 1000 units per em; DejaVu has 2048, which doubled the
    # letter spacing on the stamp.  Rescale the font.
    scale_upem(font, 1000)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data)


@dataclass(frozen=True)
class _ParsedFont:
    """The stamp font as fontTools and HarfBuzz read it: parsed once per thread, not per signature
    (parsing it, its glyph table and its cmap, was ~1 ms of every signature)."""

    font_bytes: bytes
    tt: ttLib.TTFont
    hb_font: object
    ps_name: str
    glyph_set: object
    reverse_cmap: dict


_parsed_fonts = threading.local()  # fontTools loads tables lazily: one parsed copy per thread


def _parsed_font(font_path: str) -> _ParsedFont:
    if not hasattr(_parsed_fonts, "by_path"):
        _parsed_fonts.by_path = {}
    fonts = _parsed_fonts.by_path
    parsed = fonts.get(font_path)
    if parsed is None:
        font_bytes = stamp_font_bytes(font_path)
        tt = ttLib.TTFont(BytesIO(font_bytes))
        parsed = fonts[font_path] = _ParsedFont(
            font_bytes=font_bytes, tt=tt, hb_font=hb.Font(hb.Face(font_bytes)),
            ps_name=_read_ps_name(tt), glyph_set=tt.getGlyphSet(preferCFF=True),
            reverse_cmap=tt["cmap"].buildReversed())
    return parsed


class _PresubsetAccumulator(GlyphAccumulator):
    """Embeds the (already small) stamp font whole: no per-signature subsetting and re-encoding of
    the font (~45 ms per signature), and no parsing of it either. This is GlyphAccumulator.__init__
    (pyHanko 0.38, pinned) for a TrueType font, with the parsed font taken from the thread's cache;
    nothing here changes the font objects (no subset is cut)."""

    def __init__(self, writer, *, parsed: _ParsedFont, font_size, obj_stream=None):
        FontEngine.__init__(self, writer, parsed.ps_name, embedded_subset=True, obj_stream=obj_stream,
                            font_size=font_size)
        self.hb_font, self.tt = parsed.hb_font, parsed.tt
        self._font_ref = writer.allocate_placeholder()
        self.cff_charset, self.use_raw_gids = None, True
        self.cidfont_obj = cidfont = CIDFontType2(parsed.tt, parsed.ps_name, self.subset_prefix)
        self.features = None
        self.units_per_em = parsed.tt["head"].unitsPerEm
        self._glyphs = {}
        self._glyph_set = parsed.glyph_set
        self._cid_to_unicode = {}
        self._GlyphAccumulator__reverse_cmap = parsed.reverse_cmap
        self.ot_language_tag = self.ot_script_tag = None
        self.writing_direction = self.bcp47_lang_code = None
        self._write_prepared = False
        self._subset_created = True  # nothing to cut: the font is pre-subset

        def set_font_file(writer):
            stream = generic.StreamObject(
                dict_data={generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
                encoded_data=_deflated(parsed.font_bytes),
            )
            ref = writer.add_object(stream)
            cidfont._font_descriptor[generic.pdf_name("/FontFile2")] = ref
            return ref

        cidfont.set_font_file = set_font_file


@dataclass(frozen=True)
class _PresubsetFontFactory(GlyphAccumulatorFactory):
    def create_font_engine(self, writer, obj_stream=None):
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _PresubsetAccumulator(writer, parsed=_parsed_font(self.font_file), font_size=self.font_size,
                                     obj_stream=obj_stream)


def _stamp_style(font_path: Path = STAMP_FONT) -> TextStampStyle:
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
        text_box_style=TextBoxStyle(
            font=_PresubsetFontFactory(str(font_path), font_size=8),
            leading=10,
        ),
        border_width=1,
        background=None,
    )


class _CachingPdfSigner(signers.PdfSigner):
    """Sets the signing session's clock to the office's time zone (the stamp
    shows it), and caches pre-sign validation.

    pyHanko validates the signer's and the TSA's certificate paths before
    every signature (~10 ms of path building and checking, even with the
    revocation data cached).  For a fresh document (no earlier signatures or
    timestamps) the result depends only on the key, the TSA and the
    validation context, so the session keeps it for as long as it keeps the
    context."""

    def __init__(self, *args, presign_cache: dict, timezone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._presign_cache = presign_cache
        self._timezone = ZoneInfo(timezone)

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only)
        # the time printed on the stamp (and /M): local time of the office
        session.system_time = datetime.now(self._timezone)
        prev = getattr(pdf_out, "prev", None)
        if prev is not None and prev.embedded_signatures:
            return session  # co-signing: let pyHanko look at the history
        cache = self._presign_cache
        original = session.perform_presign_validation

        async def cached(pdf_out=None):
            status = cache.get("status")
            if status is None:
                status = cache["status"] = await original(pdf_out)
            return status

        session.perform_presign_validation = cached
        return session


class SigningSession:
    """Signs many documents with one key, one TSA and one HTTP session.

    Not thread-safe: give each thread (or process) its own session, or hold a
    lock.  Its event loop runs on a thread of its own, so callers may be
    synchronous code (a Celery task, a Django view) or code that already has a
    running loop (an async view, a browser-driving test) alike.
    """

    def __init__(self, config: SigningConfig, signer: DocumentSigner | None = None):
        self.config = config
        self._owns_signer = signer is None
        self.signer = signer if signer is not None else signer_from_config(config)
        self._trust_roots = load_certificates(config.trust_roots)
        self._other_certs = load_certificates(config.other_certs)
        self._loop = LoopThread("signing-session-loop")
        self._http: aiohttp.ClientSession | None = None
        self._timestamper: HTTPTimeStamper | None = None
        self._vc: ValidationContext | None = None
        self._vc_born = 0.0
        self._presign_cache: dict = {}
        self._stamp_style = _stamp_style()

    # -- resources ---------------------------------------------------------
    async def _http_session(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.config.http_timeout_seconds),
                connector=aiohttp.TCPConnector(limit=self.config.http_connections),
            )
        return self._http

    async def _get_timestamper(self) -> HTTPTimeStamper:
        if self._timestamper is None:
            self._timestamper = HTTPTimeStamper(
                self.config.tsa_url, session=await self._http_session()
            )
        return self._timestamper

    async def _validation_context(self) -> ValidationContext:
        now = time.monotonic()
        if self._vc is None or now - self._vc_born > self.config.validation_context_ttl_seconds:
            self._vc = ValidationContext(
                trust_roots=self._trust_roots,
                other_certs=self._other_certs,
                allow_fetching=True,
                revocation_mode="hard-fail",
                fetcher_backend=AIOHttpFetcherBackend(
                    await self._http_session(),
                    per_request_timeout=self.config.http_timeout_seconds,
                ),
            )
            self._vc_born = now
            self._presign_cache = {}
            # the timestamper caches the TSA's certificates (from a first,
            # dummy timestamp): refresh them too, in case the TSA rolled over
            self._timestamper = None
        return self._vc

    # -- signing -----------------------------------------------------------
    def _pdf_signer(self, meta: SignatureMeta, vc, timestamper) -> signers.PdfSigner:
        signature_meta = signers.PdfSignatureMetadata(
            field_name=meta.field_name,
            reason=meta.reason,
            location=meta.location,
            contact_info=meta.contact_info,
            name=meta.signer_name,
            certify=meta.certify,
            docmdp_permissions=fields.MDPPerm.NO_CHANGES,
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=True,
            use_pades_lta=True,
            validation_context=vc,
            md_algorithm="sha256",
            # validation data and the document timestamp in one revision, the
            # timestamp last: it covers the whole file (no VRI: deprecated)
            dss_settings=DSSContentSettings(
                include_vri=False,
                placement=SigDSSPlacementPreference.TOGETHER_WITH_NEXT_TS,
                next_ts_settings=TimestampDSSContentSettings(
                    include_vri=False, update_before_ts=True
                ),
            ),
        )
        return _CachingPdfSigner(
            signature_meta,
            presign_cache=self._presign_cache,
            timezone=meta.timezone,
            signer=self.signer.signer,
            timestamper=timestamper,
            stamp_style=self._stamp_style,
            new_field_spec=fields.SigFieldSpec(
                sig_field_name=meta.field_name,
                on_page=meta.page,
                box=meta.box,
            ),
        )

    async def async_sign(self, pdf_bytes: bytes, meta: SignatureMeta) -> bytes:
        vc = await self._validation_context()  # first: it may reset the timestamper
        timestamper = await self._get_timestamper()
        pdf_signer = self._pdf_signer(meta, vc, timestamper)
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
        out = BytesIO()
        try:
            await pdf_signer.async_sign_pdf(
                writer,
                bytes_reserved=self.config.signature_bytes_reserved,
                appearance_text_params={
                    "signer": meta.signer_name,
                    "position": meta.signer_position,
                },
                output=out,
            )
        except Exception as e:  # pyHanko raises many kinds; name the cause
            raise SigningError(f"signing failed: {e}") from e
        return out.getvalue()

    def sign(self, pdf_bytes: bytes, meta: SignatureMeta, credentials=None) -> bytes:
        """Sign one PDF; returns the signed PDF (B-LTA) as bytes. ``credentials``
        (:class:`signing.bsre.SignerCredentials`) unlock a remote key (BSrE): the
        service signs, then this session adds the validation data and the
        document timestamp (B-LTA) as it does for its own signatures."""
        if getattr(self.signer, "remote_pdf", False):
            signed = self.signer.sign_pdf(pdf_bytes, meta, credentials)
            if not self.config.tsa_url:
                return signed
            return self._loop.run(self._async_extend_to_lta(signed))
        return self._loop.run(self.async_sign(pdf_bytes, meta))

    def submit(self, pdf_bytes: bytes, meta: SignatureMeta):
        """Start signing one PDF on the session's loop and return at once: a
        :class:`concurrent.futures.Future` of the signed bytes.  The caller
        keeps a few in flight (rendering the next documents and recording the
        finished ones meanwhile); they share the validation context (revocation
        data fetched once per period) and the TSA certificates.  Safe to call
        from several threads: the signatures all run on the session's loop.
        The session's own key only (not a remote signer, which needs credentials)."""
        if getattr(self.signer, "remote_pdf", False):
            raise SigningError("a remote signer signs one document at a time through sign()")
        return self._loop.submit(self.async_sign(pdf_bytes, meta))

    async def _async_extend_to_lta(self, pdf_bytes: bytes) -> bytes:
        """Revocation data of the last signature's chain in the DSS, then a document timestamp over
        the whole file: a signature made elsewhere (B-T) becomes B-LTA."""
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation.dss import async_add_validation_info

        vc = await self._validation_context()
        timestamper = await self._get_timestamper()
        try:
            reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
            signature = reader.embedded_signatures[-1]
            with_dss = await async_add_validation_info(signature, vc, add_vri_entry=False, output=BytesIO())
            with_dss.seek(0)
            out = BytesIO()
            await signers.PdfTimeStamper(timestamper).async_timestamp_pdf(
                IncrementalPdfFileWriter(with_dss, strict=False), "sha256", vc, output=out,
                dss_settings=TimestampDSSContentSettings(include_vri=False, update_before_ts=True))
        except Exception as e:  # pyHanko raises many kinds; name the cause
            raise SigningError(f"extending the remote signature to B-LTA failed: {e}") from e
        return out.getvalue()

    def timestamp(self, data: bytes) -> bytes:
        """An RFC 3161 timestamp token (DER) over sha256(data) from the configured TSA: proof that
        these bytes existed at the TSA's time (used for the audit log's checkpoints)."""
        import hashlib

        async def stamp():
            timestamper = await self._get_timestamper()
            return await timestamper.async_timestamp(hashlib.sha256(data).digest(), "sha256")

        return self._loop.run(stamp()).dump()

    def sign_many(self, items, *, concurrency: int = 4) -> list[bytes]:
        """Sign a batch of ``(pdf_bytes, meta)``; results in the same order.

        Up to ``concurrency`` documents are in flight at once on the session's
        event loop, so one document's waits for the TSA overlap another's
        hashing and CMS building.  A failure raises :class:`SigningError`
        after the other documents in flight have finished."""
        items = list(items)

        async def run():
            gate = asyncio.Semaphore(concurrency)

            async def one(pdf_bytes, meta):
                async with gate:
                    return await self.async_sign(pdf_bytes, meta)

            await self._validation_context()  # set up once, not per task
            return await asyncio.gather(*(one(p, m) for p, m in items))

        return self._loop.run(run())


    def close(self) -> None:
        if self._loop.closed:
            return
        if self._http is not None:
            self._loop.run(self._http.close())
            self._http = None
        self._loop.close()
        if self._owns_signer:
            self.signer.close()

    def __enter__(self) -> "SigningSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer: DocumentSigner | None = None,
    meta: SignatureMeta,
    config: SigningConfig,
) -> bytes:
    """Sign one PDF as PAdES B-LTA with a visible certification signature.

    For many documents keep a :class:`SigningSession` instead: this function
    sets up (and tears down) the HTTP session, validation context and,
    without ``signer``, the key for every call.
    """
    with SigningSession(config, signer=signer) as session:
        return session.sign(pdf_bytes, meta)
