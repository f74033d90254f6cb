"""Scans and their life: upload, storage, the OCR pipeline, verification, previews, integrity."""
