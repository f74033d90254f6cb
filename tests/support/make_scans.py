#!/usr/bin/env python3
"""Make a labelled set of simulated scans of Indonesian personnel documents.

Vendored from the team's shared folder (`shared/tools/make_scans.py`, the tool that made
`shared/corpus/scans-dev` with `--seed 11 --count 60`), so that a clone without `../shared` makes
the same corpus (tests/support/corpus.py). Changes: `make_set()` for callers, and the PDFs carry a
fixed creation date so a seed gives the same bytes every time. Images and labels are otherwise
byte-identical to the shared scans-dev; tests/ocr/test_generated_corpus_is_the_shared_one.py checks it
whenever the shared folder is present.

Each page is rendered from real Indonesian regulation text (a seed document),
rasterised, then degraded the way phone photos and cheap scanners degrade
pages. Labels are decided by the degradation, not by any OCR engine:
'legible' pages had only mild degradations, 'illegible' pages had at least one
severe one. Pages in the ambiguous middle band are not produced.

usage: make_scans.py SOURCE_TEXT OUT_DIR --seed N --count N

Needs numpy and pillow, and the DejaVu fonts (Debian fonts-dejavu-core).
"""
import argparse
import io
import json
import random
import re
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

FONTS = {
    "dev": ["/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
}
BOLD = {
    "dev": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
}
FIRST = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Eko", "Wahyu",
         "Dian", "Hendra", "Yuli", "Bambang", "Fitri", "Rudi", "Indah", "Teguh", "Lestari"]
LAST = ["Santoso", "Wijaya", "Rahayu", "Hidayat", "Kurniawan", "Susanti", "Prasetyo", "Handayani",
        "Setiawan", "Purnomo", "Maharani", "Saputra", "Nugroho", "Lestari", "Firmansyah"]
PANGKAT = ["Penata Muda, III/a", "Penata Muda Tingkat I, III/b", "Penata, III/c",
           "Penata Tingkat I, III/d", "Pembina, IV/a", "Pengatur, II/c"]
UNIT = ["Badan Kepegawaian Daerah", "Dinas Pendidikan", "Dinas Kesehatan",
        "Dinas Komunikasi dan Informatika", "Badan Pendapatan Daerah", "Inspektorat"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def nip(rng):
    y, m, d = rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28)
    ty, tm = y + rng.randint(22, 30), rng.randint(1, 12)
    return f"{y}{m:02d}{d:02d} {ty}{tm:02d} {rng.randint(1, 2)} {rng.randint(1, 999):03d}"


def sentences(text):
    text = re.sub(r"\s+", " ", text)
    parts = re.split(r"(?<=[.;:])\s+", text)
    return [p.strip() for p in parts if 40 <= len(p.strip()) <= 400 and not re.search(r"[�_|]", p)]


def wrap(draw, text, font, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if draw.textlength(t, font=font) <= width:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def render_page(rng, sents, variant, kind):
    """A4 at 300 dpi; returns (image, ground-truth text, fields)."""
    W, H = 2480, 3508
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    fpath = rng.choice(FONTS[variant])
    size = rng.choice([38, 42, 46])
    f = ImageFont.truetype(fpath, size)
    fb = ImageFont.truetype(BOLD[variant], size + 6)
    x0, y, width = 250, 220, W - 500
    lines_out = []
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    fields = {"nama": name, "nip": nip(rng), "pangkat": rng.choice(PANGKAT), "unit": rng.choice(UNIT),
              "nomor": f"800/{rng.randint(100, 9999)}/{rng.randint(100, 299)}/{rng.randint(2019, 2026)}",
              "tanggal": f"{rng.randint(1, 28)} {rng.choice(BULAN)} {rng.randint(2019, 2026)}"}

    def put(text, font=f, center=False, gap=1.45):
        nonlocal y
        for ln in wrap(d, text, font, width):
            x = (W - d.textlength(ln, font=font)) / 2 if center else x0
            d.text((x, y), ln, font=font, fill=0)
            lines_out.append(ln)
            y += int(font.size * gap)

    if kind == "sk":
        put("PEMERINTAH PROVINSI", fb, center=True)
        put(rng.choice(["JAWA TIMUR", "KEPULAUAN BANGKA BELITUNG"]), fb, center=True)
        put("BADAN KEPEGAWAIAN DAERAH", fb, center=True)
        d.line((x0, y, W - x0, y), fill=0, width=6)
        y += 40
        put("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH", fb, center=True)
        put(f"NOMOR {fields['nomor']}", f, center=True)
        put("TENTANG KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL", fb, center=True)
        y += 30
        for s in rng.sample(sents, min(4, len(sents))):
            put(s)
            y += 10
        y += 20
        for k, label in [("nama", "Nama"), ("nip", "NIP"), ("pangkat", "Pangkat/Gol. Ruang"), ("unit", "Unit Kerja")]:
            put(f"{label} : {fields[k]}")
        y += 20
        for s in rng.sample(sents, min(3, len(sents))):
            put(s)
            y += 10
        put(f"Ditetapkan di Surabaya pada tanggal {fields['tanggal']}")
    else:
        put("IJAZAH", fb, center=True)
        put(rng.choice(["UNIVERSITAS NEGERI SURABAYA", "INSTITUT TEKNOLOGI SEPULUH NOPEMBER",
                        "UNIVERSITAS BANGKA BELITUNG"]), fb, center=True)
        y += 40
        put(f"Dengan ini menyatakan bahwa {name}, lahir pada tanggal {fields['tanggal']}, "
            f"telah menyelesaikan pendidikan dan memenuhi semua persyaratan sehingga kepadanya "
            f"diberikan gelar Sarjana dengan segala hak dan kewajiban yang melekat pada gelar tersebut.")
        y += 30
        for s in rng.sample(sents, min(5, len(sents))):
            put(s)
            y += 10
        put(f"Nomor Ijazah {fields['nomor']}")
    return img, "\n".join(lines_out), fields


FIXED_DATE = time.gmtime(1767225600)  # 2026-01-01 00:00 UTC
SEVERE = ["blur", "lowres", "contrast", "noise", "dark"]


def degrade(rng, img, legible):
    ops = {}
    # mild, always-possible camera/scanner effects
    if rng.random() < 0.5:
        ops["skew_deg"] = round(rng.uniform(-3, 3), 2)
    if rng.random() < 0.3:
        ops["orientation"] = rng.choice([90, 180, 270])
    if rng.random() < 0.4:
        ops["jpeg_q"] = rng.randint(40, 85)
    dpi = rng.choice([200, 240, 300])
    if legible:
        if rng.random() < 0.5:
            ops["blur_sigma"] = round(rng.uniform(0.0, 0.8), 2)
        if rng.random() < 0.4:
            ops["contrast"] = round(rng.uniform(0.6, 1.0), 2)
        if rng.random() < 0.3:
            ops["noise_sd"] = round(rng.uniform(0, 8), 1)
    else:
        bad = rng.choice(SEVERE)
        ops["severe"] = bad
        if bad == "blur":
            ops["blur_sigma"] = round(rng.uniform(10.0, 14.0), 2)
        elif bad == "lowres":
            dpi = rng.choice([28, 32, 36])
        elif bad == "contrast":
            ops["contrast"] = round(rng.uniform(0.012, 0.025), 3)
        elif bad == "noise":
            ops["noise_sd"] = round(rng.uniform(150, 200), 1)
        elif bad == "dark":
            ops["brightness"] = round(rng.uniform(0.012, 0.025), 3)
    ops["dpi"] = dpi

    im = img
    if "blur_sigma" in ops and ops["blur_sigma"] > 0:
        im = im.filter(ImageFilter.GaussianBlur(ops["blur_sigma"]))
    if "contrast" in ops:
        im = ImageEnhance.Contrast(im).enhance(ops["contrast"])
    if "brightness" in ops:
        im = ImageEnhance.Brightness(im).enhance(ops["brightness"])
    if "noise_sd" in ops:
        a = np.asarray(im, dtype=np.float32)
        a = a + np.random.default_rng(rng.randint(0, 2**31)).normal(0, ops["noise_sd"], a.shape)
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if "crop_keep" in ops:
        h = int(im.height * ops["crop_keep"])
        im = im.crop((0, 0, im.width, h))
    if "skew_deg" in ops:
        im = im.rotate(ops["skew_deg"], expand=True, fillcolor=255, resample=Image.BICUBIC)
    if "orientation" in ops:
        im = im.rotate(ops["orientation"], expand=True)
    if dpi != 300:
        im = im.resize((max(1, im.width * dpi // 300), max(1, im.height * dpi // 300)), Image.LANCZOS)
    return im, ops


def save(rng, im, path_stem, dpi, ops):
    fmt = rng.choice(["png", "jpg", "pdf"])
    if "jpeg_q" in ops and fmt == "png":
        fmt = "jpg"
    path = path_stem.with_suffix("." + fmt)
    if fmt == "png":
        im.save(path, dpi=(dpi, dpi))
    elif fmt == "jpg":
        im.convert("RGB").save(path, quality=ops.get("jpeg_q", 90), dpi=(dpi, dpi))
    else:
        buf = io.BytesIO()
        im.convert("RGB").save(buf, format="JPEG", quality=ops.get("jpeg_q", 90))
        Image.open(buf).save(path, "PDF", resolution=dpi, creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return path


def make_set(source, out, *, seed=1, count=60, variant="dev"):
    """Write `count` scans and their labels.json into `out`; returns the labels."""
    rng = random.Random(seed)
    sents = sentences(Path(source).read_text(errors="ignore"))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    for i in range(count):
        legible = i % 2 == 0
        kind = rng.choice(["sk", "sk", "ijazah"])
        page, text, fields = render_page(rng, sents, variant, kind)
        im, ops = degrade(rng, page, legible)
        path = save(rng, im, out / f"scan_{i:03d}", ops["dpi"], ops)
        labels.append({"file": path.name, "label": "legible" if legible else "illegible",
                       "kind": kind, "degradations": ops, "fields": fields, "text": text})
    (out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False))
    return labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--variant", choices=["dev"], default="dev")
    a = ap.parse_args()
    labels = make_set(a.source, a.out, seed=a.seed, count=a.count, variant=a.variant)
    print(f"{len(labels)} scans in {a.out}")


if __name__ == "__main__":
    main()
