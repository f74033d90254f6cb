"""Validation of signed PDFs: ours, and those signed by others (e.g. decrees
signed through BSrE that employees upload).

``validate_pdf(pdf_bytes, trust_roots=...)`` reads the file (it never writes
it), checks every signature and document timestamp, and answers with a
:class:`ValidationReport`: per signature who signed, when, whether the signed
bytes are intact, whether the certificate chains to one of the configured
trust roots, whether the signature timestamp holds, how much of the file the
signature covers and what was changed after it; and overall whether the
document is ``authentic``.

For many validations keep a :class:`Validator`: it parses the trust roots
once and runs on one event loop.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import (
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    PathBuildingError,
    PathValidationError,
    ValidationError,
)

from .loop import LoopThread
from .signers import load_certificates

logger = logging.getLogger(__name__)


class SignatureKind(str, enum.Enum):
    SIGNATURE = "signature"
    DOCUMENT_TIMESTAMP = "document_timestamp"


@dataclass(frozen=True)
class SignatureReport:
    """What one signature (or document timestamp) in a PDF proves."""

    field_name: str
    kind: SignatureKind
    signer_name: str
    """Common name of the signer's (or the TSA's) certificate."""
    signer_subject: str
    signing_time: datetime | None
    """The time attested by a timestamp when there is one, else the time the
    signer claims."""
    timestamped: bool
    intact: bool
    """The signed bytes are unchanged (digest matches)."""
    valid: bool
    """Intact and the cryptographic signature verifies."""
    trusted: bool
    """The certificate chains to a configured trust root (and is not revoked)."""
    timestamp_ok: bool | None
    """The signature timestamp is intact, valid and trusted; None if there is none."""
    covers_whole_file: bool
    coverage: str
    """pyHanko's coverage level: ENTIRE_FILE, ENTIRE_REVISION, ..."""
    modification_level: str | None
    """What was changed after this signature: NONE, LTA_UPDATES (validation
    data, timestamps), FORM_FILLING, ANNOTATIONS, OTHER."""
    docmdp_ok: bool | None
    """Later changes are within what the certification allowed."""
    certified: bool
    """A certification (DocMDP) signature."""
    long_term: bool | None
    """Long-term validation data is embedded: the chain validates, with
    revocation data required, from what is in the file alone (see
    ``Validator._revinfo_embedded``); None if not checked."""
    summary: str

    @property
    def ok(self) -> bool:
        return (
            self.intact
            and self.valid
            and self.trusted
            and self.timestamp_ok is not False
            and self.docmdp_ok is not False
            and self.modification_level in (None, "NONE", "LTA_UPDATES")
        )


@dataclass(frozen=True)
class ValidationReport:
    signatures: tuple[SignatureReport, ...] = ()
    error: str | None = None
    """Why the file could not be read, if it could not."""

    @property
    def signed(self) -> bool:
        return any(s.kind is SignatureKind.SIGNATURE for s in self.signatures)

    @property
    def modified(self) -> bool:
        """Something in the file is not covered as allowed: a signature is not
        intact, or changes beyond validation data follow one."""
        return any(
            not s.intact
            or s.docmdp_ok is False
            or s.modification_level not in (None, "NONE", "LTA_UPDATES")
            for s in self.signatures
        )

    @property
    def trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    @property
    def authentic(self) -> bool:
        """Signed, every signature and timestamp intact, valid and trusted,
        and nothing changed after signing except validation data and
        timestamps."""
        return (
            self.error is None
            and self.signed
            and all(s.ok for s in self.signatures)
            and not self.modified
        )

    def as_dict(self) -> dict:
        return {
            "authentic": self.authentic,
            "signed": self.signed,
            "modified": self.modified,
            "error": self.error,
            "signatures": [
                {
                    **{k: getattr(s, k) for k in s.__dataclass_fields__},
                    "kind": s.kind.value,
                    "signing_time": s.signing_time.isoformat() if s.signing_time else None,
                    "ok": s.ok,
                }
                for s in self.signatures
            ],
        }


def _name(cert: x509.Certificate | None) -> tuple[str, str]:
    if cert is None:
        return "", ""
    subject = cert.subject
    cn = subject.native.get("common_name", "")
    if isinstance(cn, list):
        cn = cn[0]
    return str(cn), subject.human_friendly


class Validator:
    """Validates PDFs against a fixed set of trust roots.

    Keeps the parsed trust roots and one event loop; each document still
    gets its own :class:`ValidationContext`, because that context holds the
    document's own embedded certificates and revocation data.
    """

    def __init__(self, trust_roots, *, allow_fetching: bool = False, check_long_term: bool = True):
        roots = []
        for root in trust_roots:
            if isinstance(root, x509.Certificate):
                roots.append(root)
            else:
                roots.extend(load_certificates([Path(root)]))
        self.trust_roots = tuple(roots)
        self.allow_fetching = allow_fetching
        self.check_long_term = check_long_term
        self._loop = LoopThread("validator-loop")

    def close(self) -> None:
        self._loop.close()

    def __enter__(self) -> "Validator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def validate(self, pdf_bytes: bytes) -> ValidationReport:
        return self._loop.run(self.async_validate(pdf_bytes))

    # ------------------------------------------------------------------
    def _context(self, dss: DocumentSecurityStore | None) -> ValidationContext:
        kwargs = dict(
            trust_roots=list(self.trust_roots),
            allow_fetching=self.allow_fetching,
            revocation_mode="soft-fail",
        )
        if dss is not None:
            return dss.as_validation_context(kwargs)
        return ValidationContext(**kwargs)

    async def _revinfo_embedded(self, emb, dss, at: datetime) -> bool:
        """Whether the document carries what a validator needs in ten years:
        the signer's chain validates at the signature timestamp's time with
        revocation data *required*, using only certificates and OCSP/CRL
        responses embedded in the file (DSS and CMS), nothing fetched."""
        if dss is None:
            return False
        vc = dss.as_validation_context(
            dict(
                trust_roots=list(self.trust_roots),
                allow_fetching=False,
                revocation_mode="require",
                moment=at,
            )
        )
        validator = CertificateValidator(
            emb.signer_cert,
            intermediate_certs=list(emb.other_embedded_certs) + list(dss.load_certs()),
            validation_context=vc,
        )
        try:
            await validator.async_validate_usage(set())
            return True
        except (PathBuildingError, PathValidationError, ValidationError) as e:
            logger.info("no embedded revocation data for %s: %s", emb.field_name, e)
            return False

    async def async_validate(self, pdf_bytes: bytes) -> ValidationReport:
        try:
            reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
            embedded = list(reader.embedded_signatures)
        except Exception as e:  # not a PDF, or broken beyond reading
            return ValidationReport(error=f"unreadable PDF: {e}")
        try:
            dss = DocumentSecurityStore.read_dss(reader)
        except Exception:
            dss = None

        reports = []
        for emb in embedded:
            try:
                reports.append(await self._one(emb, dss))
            except Exception as e:
                logger.warning("could not validate signature %s: %s", emb.field_name, e)
                cert_name, subject = "", ""
                try:
                    cert_name, subject = _name(emb.signer_cert)
                except Exception:
                    pass
                reports.append(
                    SignatureReport(
                        field_name=emb.field_name or "",
                        kind=SignatureKind.SIGNATURE,
                        signer_name=cert_name,
                        signer_subject=subject,
                        signing_time=None,
                        timestamped=False,
                        intact=False,
                        valid=False,
                        trusted=False,
                        timestamp_ok=None,
                        covers_whole_file=False,
                        coverage="UNCLEAR",
                        modification_level=None,
                        docmdp_ok=None,
                        certified=False,
                        long_term=None,
                        summary=f"cannot be validated: {e}",
                    )
                )
        return ValidationReport(signatures=tuple(reports))

    async def _one(self, emb, dss) -> SignatureReport:
        vc = self._context(dss)
        cert_name, subject = _name(emb.signer_cert)
        if emb.sig_object_type == "/DocTimeStamp":
            status = await async_validate_pdf_timestamp(emb, validation_context=vc)
            level = status.modification_level
            return SignatureReport(
                field_name=emb.field_name or "",
                kind=SignatureKind.DOCUMENT_TIMESTAMP,
                signer_name=cert_name,
                signer_subject=subject,
                signing_time=status.timestamp,
                timestamped=True,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                timestamp_ok=status.intact and status.valid and status.trusted,
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                coverage=status.coverage.name if status.coverage else "UNCLEAR",
                modification_level=level.name if level is not None else None,
                docmdp_ok=None,
                certified=False,
                long_term=None,
                summary=status.summary(),
            )

        status = await async_validate_pdf_signature(
            emb, signer_validation_context=vc, ts_validation_context=self._context(dss)
        )
        ts = status.timestamp_validity
        timestamp_ok = None
        if ts is not None:
            timestamp_ok = ts.intact and ts.valid and ts.trusted
        level = status.modification_level
        long_term = None
        if self.check_long_term and status.bottom_line and ts is not None:
            long_term = await self._revinfo_embedded(emb, dss, ts.timestamp)
        is_certification = emb.docmdp_level is not None
        return SignatureReport(
            field_name=emb.field_name or "",
            kind=SignatureKind.SIGNATURE,
            signer_name=cert_name,
            signer_subject=subject,
            signing_time=ts.timestamp if ts is not None else status.signer_reported_dt,
            timestamped=ts is not None,
            intact=status.intact,
            valid=status.valid,
            trusted=status.trusted and not status.revoked,
            timestamp_ok=timestamp_ok,
            covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            coverage=status.coverage.name if status.coverage else "UNCLEAR",
            modification_level=level.name if level is not None else None,
            docmdp_ok=status.docmdp_ok,
            certified=is_certification,
            long_term=long_term,
            summary=status.summary(),
        )


def validate_pdf(
    pdf_bytes: bytes,
    *,
    trust_roots,
    allow_fetching: bool = False,
    check_long_term: bool = True,
) -> ValidationReport:
    """Validate every signature in ``pdf_bytes`` against ``trust_roots``
    (certificates or paths to PEM/DER files).  Never modifies the input.

    ``allow_fetching`` lets the validator fetch missing certificates and
    revocation data over the network (off by default: a verify endpoint
    should not make requests chosen by an uploaded file).
    """
    with Validator(
        trust_roots, allow_fetching=allow_fetching, check_long_term=check_long_term
    ) as v:
        return v.validate(pdf_bytes)


_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def first_signature_contents(pdf: bytes) -> bytes | None:
    """The /Contents (CMS bytes, padding included) of the signature made first: the one whose
    signed byte ranges leave the earliest gap in the file, since later signatures and document
    timestamps are incremental updates after it. Found through each /ByteRange and the hex
    string in its gap, without parsing the PDF: pyHanko's tokenizer reads a 16 KB hex string
    byte by byte, about 100 ms per signed decree. None when there is no well-formed signature."""
    gaps = []
    for match in _BYTE_RANGE.finditer(pdf):
        start, first_length, second_start, _ = (int(n) for n in match.groups())
        gap_start = start + first_length
        if start == 0 and 0 < gap_start < second_start <= len(pdf):
            gaps.append((gap_start, second_start))
    for gap_start, gap_end in sorted(gaps):
        gap = pdf[gap_start:gap_end].strip()
        if gap.startswith(b"<") and gap.endswith(b">"):
            try:
                return bytes.fromhex(gap[1:-1].decode("ascii"))
            except (UnicodeDecodeError, ValueError):
                continue
    return None



def timestamp_token_time(token: bytes, data: bytes):
    """The time an RFC 3161 token (DER) states for `data`, or None when the token does not cover
    exactly these bytes (its message imprint is not their sha256)."""
    import hashlib

    from asn1crypto import cms, tsp

    info = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed
    if not isinstance(info, tsp.TSTInfo):
        return None
    imprint = info["message_imprint"]
    if imprint["hash_algorithm"]["algorithm"].native != "sha256":
        return None
    if imprint["hashed_message"].native != hashlib.sha256(data).digest():
        return None
    return info["gen_time"].native
