"""What each legibility reason tells the person who uploaded the scan: what to do next."""
from __future__ import annotations

# code -> (Indonesian, English).  Each message names the problem and the fix.
REASONS: dict[str, tuple[str, str]] = {
    "low_resolution": (
        "Resolusi pindaian terlalu rendah; pindai ulang dengan resolusi minimal 200 dpi.",
        "The scan's resolution is too low; rescan at 200 dpi or more.",
    ),
    "blurry": (
        "Pindaian terlalu buram; pindai ulang dengan resolusi minimal 200 dpi dan pastikan fokus.",
        "The scan is too blurred; rescan at 200 dpi or more and make sure it is in focus.",
    ),
    "out_of_focus": (
        "Foto tidak fokus; ketuk layar pada tulisan agar kamera fokus, lalu foto ulang.",
        "The photo is out of focus; tap the text on the screen to focus, then take it again.",
    ),
    "motion_blur": (
        "Foto goyang (kamera bergerak); pegang ponsel dengan stabil atau letakkan pada tumpuan, lalu foto ulang.",
        "The photo is shaken (the camera moved); hold the phone still or rest it, then take it again.",
    ),
    "low_contrast": (
        "Tulisan terlalu pudar (kontras rendah); pindai ulang dengan pengaturan kontras normal atau gunakan dokumen asli.",
        "The text is too faint (low contrast); rescan with normal contrast settings or use the original.",
    ),
    "too_dark": (
        "Pindaian terlalu gelap; pindai atau foto ulang di tempat yang cukup terang.",
        "The scan is too dark; rescan or photograph it again in good light.",
    ),
    "washed_out": (
        "Pindaian terlalu terang sehingga tulisan hampir hilang; pindai ulang dengan kecerahan normal.",
        "The scan is so bright that the text almost disappears; rescan with normal brightness.",
    ),
    "noisy": (
        "Pindaian terlalu berbintik (noise); pindai ulang dengan pencahayaan cukup dan kualitas gambar lebih tinggi.",
        "The scan is too noisy; rescan in good light at a higher image quality.",
    ),
    "shadow": (
        "Bayangan gelap menutupi sebagian besar tulisan; foto ulang tanpa bayangan tangan atau ponsel di atas halaman.",
        "A dark shadow covers much of the text; take the photo again with no hand or phone shadow on the page.",
    ),
    "glare": (
        "Pantulan cahaya (silau) menutupi tulisan; foto ulang tanpa lampu kilat dan hindari pantulan lampu.",
        "Glare hides the text; take the photo again without flash and away from reflections.",
    ),
    "page_cut_off": (
        "Halaman terpotong; foto ulang seluruh halaman.",
        "The page is cut off; photograph the whole page again.",
    ),
    "heading_missing": (
        "Kop surat atau judul dokumen tidak terlihat (halaman terpotong di bagian atas); foto ulang seluruh halaman hingga kop surat terlihat.",
        "The letterhead or the document's title is missing (the page is cut off at the top); photograph the whole page, letterhead included.",
    ),
    "signature_missing": (
        "Blok tanda tangan tidak terlihat (halaman terpotong di bagian bawah); foto ulang seluruh halaman hingga tanda tangan, nama dan NIP pejabat terlihat.",
        "The signature block is missing (the page is cut off at the bottom); photograph the whole page, with the signature and the official's name and NIP.",
    ),
    "too_far": (
        "Halaman terlalu kecil dalam foto (diambil terlalu jauh); dekatkan kamera hingga halaman memenuhi layar, lalu foto ulang.",
        "The page is too small in the photo (taken from too far away); move closer until the page fills the screen.",
    ),
    "low_confidence": (
        "Sebagian besar tulisan tidak dapat dibaca dengan yakin; pindai ulang dokumen asli dengan lebih jelas.",
        "Much of the text cannot be read with confidence; rescan the original more clearly.",
    ),
    "page_unreadable": (
        "Halaman ini tidak dapat dibaca (rusak atau terlalu besar); pindai ulang halaman ini.",
        "This page could not be read (damaged or too large); scan this page again.",
    ),
    "no_text": (
        "Tidak ada tulisan yang terbaca pada dokumen; pastikan halaman yang benar yang dipindai.",
        "No readable text was found; make sure the right page was scanned.",
    ),
}


PLACES_ID = {"top": "atas", "middle": "tengah", "bottom": "bawah", "left": "kiri", "right": "kanan",
             "centre": "tengah"}


def reason_text(code: str) -> tuple[str, str]:
    return REASONS[code]


def place_text(where: str) -> tuple[str, str]:
    """Where on the page, e.g. "bottom-left" -> ("Letak: bagian bawah kiri halaman", "Where: the bottom left of the page")."""
    if where == "whole":
        return "Letak: hampir seluruh halaman", "Where: nearly the whole page"
    parts = where.split("-")
    return ("Letak: bagian " + " ".join(PLACES_ID.get(p, p) for p in parts) + " halaman",
            "Where: the " + " ".join(parts) + " of the page")
