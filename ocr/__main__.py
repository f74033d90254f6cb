"""python -m ocr FILE... [--json]: one result per file; a bad file never stops the rest."""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys

from . import OcrConfig, OcrError, analyze


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ocr", description=__doc__)
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--json", action="store_true", help="one JSON object per line")
    ap.add_argument("--pages", action="store_true", help="include per-page results and metrics")
    ap.add_argument("--lang", default=None, help="Tesseract languages (default ind+eng)")
    ap.add_argument("--dpi", type=int, default=None)
    ap.add_argument("--max-pages", type=int, default=None)
    ap.add_argument("--page-timeout", type=float, default=None)
    args = ap.parse_args(argv)
    changes = {k: v for k, v in {"languages": args.lang, "dpi": args.dpi, "max_pages": args.max_pages,
                                  "page_timeout_seconds": args.page_timeout}.items() if v is not None}
    config = dataclasses.replace(OcrConfig(), **changes)
    # Tesseract's own threads are slower than one per process on small machines.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    for path in args.files:
        try:
            result = analyze(path, config=config)
            out = result.to_dict(with_pages=args.pages)
            out["file"] = path
        except OcrError as exc:
            out = {"file": path, "error": exc.to_dict()}
        except Exception as exc:  # never die on one file
            out = {"file": path, "error": {"code": "unreadable", "message": f"{type(exc).__name__}: {exc}"}}
        if args.json:
            print(json.dumps(out, ensure_ascii=False), flush=True)
        else:
            _print_human(out)
    return 0


def _print_human(out: dict) -> None:
    if "error" in out:
        print(f"{out['file']}: ERROR {out['error']['code']}: {out['error']['message']}")
        return
    verdict = "terbaca" if out["legible"] else "TIDAK terbaca"
    print(f"{out['file']}: {out['pages']} halaman, {verdict}, skor {out['score']:.0f}, "
          f"keyakinan OCR {out['mean_confidence']:.0f}, {out['seconds']:.1f} s")
    for r in out["reasons"]:
        page = f"hal. {r['page']}: " if r["page"] else ""
        print(f"  - {page}{r['message_id']}")
    for key, values in out["fields"].items():
        if values:
            print(f"  {key}: {', '.join(values[:3])}")


if __name__ == "__main__":
    sys.exit(main())
