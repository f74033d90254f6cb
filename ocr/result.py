"""What an analysis returns: per page and for the whole document, JSON-safe."""
from __future__ import annotations

from dataclasses import dataclass, field

from .messages import reason_text


@dataclass(frozen=True)
class Reason:
    code: str
    page: int | None
    message_id: str
    message_en: str

    @classmethod
    def make(cls, code: str, page: int | None) -> "Reason":
        message_id, message_en = reason_text(code)
        return cls(code, page, message_id, message_en)

    def to_dict(self) -> dict:
        return {"code": self.code, "page": self.page, "message_id": self.message_id,
                "message_en": self.message_en}

    @classmethod
    def from_dict(cls, data: dict) -> "Reason":
        return cls(data["code"], data.get("page"), data["message_id"], data["message_en"])


@dataclass
class PageResult:
    number: int  # 1-based
    legible: bool
    score: float
    reasons: list[Reason]
    text: str
    mean_confidence: float
    source: str = "ocr"  # "ocr" (Tesseract) or "text_layer" (the PDF's own text)
    metrics: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"number": self.number, "legible": self.legible, "score": self.score,
                "reasons": [r.to_dict() for r in self.reasons], "text": self.text,
                "mean_confidence": self.mean_confidence, "source": self.source,
                "metrics": _json_safe(self.metrics), "seconds": round(self.seconds, 3)}

    @classmethod
    def from_dict(cls, data: dict) -> "PageResult":
        """Back from `to_dict` (a page read in another process, e.g. one task per page)."""
        return cls(data["number"], data["legible"], data["score"], [Reason.from_dict(r) for r in data["reasons"]],
                   data["text"], data["mean_confidence"], data.get("source", "ocr"), data.get("metrics", {}),
                   data.get("seconds", 0.0))

    @classmethod
    def unreadable(cls, number: int, detail: str = "") -> "PageResult":
        """A page that could not be read at all (its file part is damaged, too large, or timed out): the
        document keeps its other pages and asks for this one again."""
        return cls(number, False, 0.0, [Reason.make("page_unreadable", number)], "", 0.0, "none",
                   {"error": detail[:500]} if detail else {})


@dataclass
class AnalysisResult:
    pages: int
    legible: bool
    score: float
    reasons: list[Reason]
    text: str
    mean_confidence: float
    fields: dict[str, list[str]]
    seconds: float
    page_results: list[PageResult] = field(default_factory=list)
    file: str | None = None

    def to_dict(self, *, with_pages: bool = False) -> dict:
        out: dict = {}
        if self.file is not None:
            out["file"] = self.file
        out.update({"pages": self.pages, "legible": self.legible, "score": self.score,
                    "reasons": [r.to_dict() for r in self.reasons], "text": self.text,
                    "mean_confidence": self.mean_confidence,
                    "fields": {k: list(v) for k, v in self.fields.items()},
                    "seconds": round(self.seconds, 3)})
        if with_pages:
            out["page_results"] = [p.to_dict() for p in self.page_results]
        return out


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return str(value)
