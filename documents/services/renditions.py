"""A scan's searchable PDF rendition: the pages as images with Tesseract's invisible text layer over
them, so a copy handed out can be searched and copied from. The original stays the record; the
rendition is made on first request and kept in object storage beside it (one key per original's
sha256), so it is made once. A PDF that already carries a text layer is its own rendition."""
from __future__ import annotations

import io

from django.conf import settings

from documents.models import DocumentVersion
from documents.objectstore import object_storage

RENDITION_DPI = 200


def searchable_pdf(version: DocumentVersion) -> bytes:
    from documents.services.upload import version_content

    storage = object_storage()
    key = f"renditions/{version.sha256}"
    made = storage.versions(key)
    if made:
        return storage.get(key, version_id=made[-1].version_id, sha256=made[-1].sha256)
    original = version_content(version)
    if version.content_type == "application/pdf" and _has_text_layer(original):
        return original
    pdf = _ocr_pdf(_page_images(original, version.content_type))
    import hashlib

    storage.put(key, pdf, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf), content_type="application/pdf")
    return pdf


def _has_text_layer(pdf: bytes) -> bool:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return any(page.get_textpage().get_text_range().strip() for page in document)


def _page_images(content: bytes, content_type: str) -> list:
    from PIL import Image, ImageOps

    if content_type == "application/pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(content)
        return [document[i].render(scale=RENDITION_DPI / 72).to_pil().convert("RGB")
                for i in range(min(len(document), settings.OCR_MAX_PAGES))]
    image = Image.open(io.BytesIO(content))
    pages = []
    for index in range(min(getattr(image, "n_frames", 1), settings.OCR_MAX_PAGES)):
        image.seek(index)
        pages.append(ImageOps.exif_transpose(image).convert("RGB"))
    return pages


def _ocr_pdf(images: list) -> bytes:
    import pikepdf
    import pytesseract

    out = io.BytesIO()
    with pikepdf.new() as merged:
        for image in images:
            page_pdf = pytesseract.image_to_pdf_or_hocr(image, extension="pdf", lang=settings.OCR_LANGUAGES,
                                                        config=f"--dpi {RENDITION_DPI}", timeout=300)
            with pikepdf.open(io.BytesIO(page_pdf)) as one:
                merged.pages.extend(one.pages)
        merged.save(out)
    return out.getvalue()
