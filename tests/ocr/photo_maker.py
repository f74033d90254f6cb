"""Synthetic, labelled phone photos of personnel documents, for calibration and tests.

A page is rendered (A4, 300 dpi, DejaVu fonts) with known text and fields, a stamp and a
signature are laid over its text, and it is photographed: perspective warp onto a desk,
uneven light, colour cast, sensor noise, JPEG.  Legible photos get only those; each
illegible photo gets one severe defect, named by the reason code the analysis must give:
page_cut_off, shadow, glare, motion_blur, out_of_focus, too_far.

Deterministic for a seed.  usage: python tests/ocr/photo_maker.py OUT_DIR --seed N --count N
"""
from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = [FONT_DIR + "DejaVuSerif.ttf", FONT_DIR + "DejaVuSans.ttf"]
BOLD = FONT_DIR + "DejaVuSerif-Bold.ttf"
SENTENCES = [
    "Setiap Pegawai Aparatur Sipil Negara wajib memiliki berkas kepegawaian digital yang lengkap, sah dan mutakhir.",
    "Dokumen yang diunggah harus sesuai dengan naskah asli, terlihat dan terbaca dengan jelas.",
    "Fasilitator melakukan verifikasi dan validasi atas dokumen yang diunggah oleh pegawai pada unit kerjanya.",
    "Badan Kepegawaian Daerah menyelenggarakan sistem informasi manajemen aparatur sipil negara secara terintegrasi.",
    "Keputusan ini mulai berlaku pada tanggal ditetapkan dengan ketentuan apabila terdapat kekeliruan akan diperbaiki sebagaimana mestinya.",
    "Kepada pegawai yang bersangkutan diberikan gaji pokok sesuai dengan ketentuan peraturan perundang-undangan yang berlaku.",
    "Pengelolaan arsip kepegawaian dilaksanakan secara elektronik untuk meningkatkan kualitas pelayanan kepegawaian.",
    "Setiap dokumen elektronik yang diterbitkan oleh sistem dibubuhi tanda tangan elektronik sebagai alat verifikasi dan otentikasi.",
    "Pegawai bertanggung jawab atas kebenaran data dan dokumen yang diunggah ke dalam sistem informasi kepegawaian.",
    "Dalam hal dokumen yang diunggah terbukti tidak sah, pegawai yang bersangkutan dapat dikenai sanksi teguran tertulis.",
    "Perubahan data kepegawaian diajukan melalui layanan mandiri pegawai dengan melampirkan dokumen pendukung.",
    "Menimbang bahwa yang bersangkutan telah memenuhi syarat untuk dinaikkan pangkatnya setingkat lebih tinggi.",
]
FIRST = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Eko", "Wahyu", "Dian"]
LAST = ["Santoso", "Wijaya", "Rahayu", "Hidayat", "Kurniawan", "Susanti", "Prasetyo", "Handayani", "Setiawan"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]
DEFECTS = ["page_cut_off", "shadow", "glare", "motion_blur", "out_of_focus", "too_far"]
PHOTO_W, PHOTO_H = 2448, 3264  # an 8-megapixel phone camera, portrait


def _nip(rng):
    y, m, d = rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28)
    return f"{y}{m:02d}{d:02d} {y + rng.randint(22, 28)}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 999):03d}"


def render_page(rng: random.Random):
    """A4 at 300 dpi, grey; returns (PIL image, text, fields, box of the lower text)."""
    W, H = 2480, 3508
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    size = rng.choice([40, 44, 48])
    f = ImageFont.truetype(rng.choice(FONTS), size)
    fb = ImageFont.truetype(BOLD, size + 6)
    x0, width = 250, W - 500
    y = 240
    lines: list[str] = []
    fields = {"nama": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "nip": _nip(rng),
              "nomor": f"800/{rng.randint(100, 9999)}/{rng.randint(100, 299)}/{rng.randint(2019, 2026)}",
              "tanggal": f"{rng.randint(1, 28)} {rng.choice(BULAN)} {rng.randint(2019, 2026)}"}

    def put(text, font=f, center=False):
        nonlocal y
        words, cur, out = text.split(), "", []
        for w in words:
            t = (cur + " " + w).strip()
            if d.textlength(t, font=font) <= width:
                cur = t
            else:
                out.append(cur)
                cur = w
        out.append(cur)
        for ln in out:
            x = (W - d.textlength(ln, font=font)) / 2 if center else x0
            d.text((x, y), ln, font=font, fill=0)
            lines.append(ln)
            y += int(font.size * 1.45)

    put("PEMERINTAH PROVINSI JAWA TIMUR", fb, center=True)
    put("BADAN KEPEGAWAIAN DAERAH", fb, center=True)
    d.line((x0, y, W - x0, y), fill=0, width=6)
    y += 40
    put("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH", fb, center=True)
    put(f"NOMOR {fields['nomor']}", f, center=True)
    y += 30
    for s in rng.sample(SENTENCES, 3):
        put(s)
        y += 10
    y += 20
    put(f"Nama : {fields['nama']}")
    put(f"NIP : {fields['nip']}")
    put("Unit Kerja : Badan Kepegawaian Daerah")
    y += 20
    lower_top = y
    for s in rng.sample(SENTENCES, 2):
        put(s)
        y += 10
    put(f"Ditetapkan di Surabaya pada tanggal {fields['tanggal']}")
    return img, "\n".join(lines), fields, (x0, lower_top, W - x0, y)


def _stamp_and_signature(rng, page_bgr: np.ndarray, box) -> np.ndarray:
    """A round violet/blue stamp and a blue signature over the lower text."""
    out = page_bgr.astype(np.float32)
    x0, y0, x1, y1 = box
    layer = np.zeros(page_bgr.shape[:2], np.uint8)
    cx, cy = rng.randint(x0 + 700, x1 - 300), rng.randint(y0 + 60, max(y0 + 61, y1 - 60))
    r = rng.randint(200, 260)
    cv2.circle(layer, (cx, cy), r, 255, 10)
    cv2.circle(layer, (cx, cy), r - 40, 255, 6)
    cv2.putText(layer, "BKD JATIM", (cx - r + 70, cy + 20), cv2.FONT_HERSHEY_SIMPLEX, 2.2, 255, 8)
    stamp_colour = np.array(rng.choice([(170, 60, 110), (190, 80, 40), (150, 40, 130)]), np.float32)
    a = (layer.astype(np.float32) / 255.0 * rng.uniform(0.55, 0.8))[..., None]
    out = out * (1 - a) + stamp_colour * a
    sig = np.zeros(page_bgr.shape[:2], np.uint8)
    sx, sy = cx - rng.randint(150, 400), cy + rng.randint(-80, 80)
    pts = []
    for i in range(40):
        t = i / 39
        pts.append((int(sx + 700 * t + 60 * math.sin(9 * t + rng.random())),
                    int(sy + 90 * math.sin(14 * t + rng.random()) - 100 * t)))
    cv2.polylines(sig, [np.array(pts, np.int32)], False, 255, rng.randint(5, 8), cv2.LINE_AA)
    a = (sig.astype(np.float32) / 255.0 * 0.85)[..., None]
    out = out * (1 - a) + np.array((140, 50, 20), np.float32) * a
    return np.clip(out, 0, 255).astype(np.uint8)


def _desk(rng, h, w) -> np.ndarray:
    base = np.array(rng.choice([(40, 70, 110), (60, 90, 130), (35, 35, 40), (90, 100, 105), (70, 110, 150),
                                (120, 130, 125)]), np.float32)
    small = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 1, (h // 32 + 2, w // 32 + 2)).astype(np.float32)
    low = cv2.resize(cv2.GaussianBlur(small, (0, 0), 2), (w, h))
    grain = np.sin(np.linspace(0, rng.uniform(30, 80), w, dtype=np.float32))[None, :] * 0.5
    tex = (low * 0.6 + grain)[..., None] * rng.uniform(6, 14)
    return np.clip(base + tex, 0, 255).astype(np.uint8) * np.ones((1, 1, 3), np.uint8)


def make_photo(rng: random.Random, defect: str | None, *, shadow: float | None = None, cut_paper: float = 1.0):
    """(BGR photo, text, fields, params).

    `shadow`: lay a hand's shadow over about half the page with this light factor instead of the
    random light ones (0.6 is soft, the text still reads; 0.03 hides it); the rest of the photo is
    the same for one seed whatever the factor, so one photo can be compared with its shadow deepened.
    `cut_paper`: keep only this top share of the page (a page cut or folded: text and the stamp run
    off its lower edge), the paper lying whole on the desk."""
    page, text, fields, box = render_page(rng)
    if cut_paper < 1.0:
        keep = int(page.height * cut_paper)
        page = page.crop((0, 0, page.width, keep))
        box = (box[0], min(box[1], keep - 200), box[2], keep + 150)
    page_bgr = cv2.cvtColor(np.asarray(page), cv2.COLOR_GRAY2BGR)
    paper = np.array([rng.uniform(236, 250), rng.uniform(238, 250), rng.uniform(240, 252)], np.float32)
    page_bgr = (page_bgr.astype(np.float32) / 255.0 * paper).astype(np.uint8)
    page_bgr = _stamp_and_signature(rng, page_bgr, box)
    ph, pw = page_bgr.shape[:2]
    W, H = PHOTO_W, PHOTO_H
    if cut_paper < 1.0:  # the piece of paper lies on the desk as a whole page would: scale to its height
        H_fill = rng.uniform(0.80, 0.93)
        params_cut = {"cut_paper": cut_paper}
    else:
        params_cut = {}
    params: dict = {"defect": defect, **params_cut}
    fill = rng.uniform(0.80, 0.93) if defect != "too_far" else rng.uniform(0.30, 0.40)
    params["fill"] = round(fill, 3)
    th = H * fill
    tw = th * pw / ph
    if cut_paper < 1.0:  # a wide piece: as wide as a whole page would be
        tw = H_fill * H * 2480 / 3508
        th = tw * ph / pw
    cx, cy = W / 2 + rng.uniform(-0.03, 0.03) * W, H / 2 + rng.uniform(-0.03, 0.03) * H
    if defect == "page_cut_off":
        side = rng.choice(["left", "right", "top", "bottom"])
        cut = rng.uniform(0.22, 0.4)
        params.update(cut_side=side, cut=round(cut, 3))
        if side == "left":
            cx = tw / 2 - cut * tw
        elif side == "right":
            cx = W - tw / 2 + cut * tw
        elif side == "top":
            cy = th / 2 - cut * th
        else:
            cy = H - th / 2 + cut * th
    jitter = 0.035 * th
    corners = np.array([[cx - tw / 2, cy - th / 2], [cx + tw / 2, cy - th / 2], [cx + tw / 2, cy + th / 2],
                        [cx - tw / 2, cy + th / 2]], np.float32)
    corners += np.array([[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)] for _ in range(4)],
                        np.float32)
    # keeps some desk in view except where the defect cuts the page
    angle = rng.uniform(-6, 6)
    rot = cv2.getRotationMatrix2D((float(cx), float(cy)), angle, 1.0)
    corners = cv2.transform(corners[None], rot)[0]
    if defect != "page_cut_off":  # everything else keeps the whole page in the frame
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        margin = 0.015 * W
        shrink = min(1.0, (W - 2 * margin) / (hi[0] - lo[0]), (H - 2 * margin) / (hi[1] - lo[1]))
        centre = (lo + hi) / 2
        corners = (corners - centre) * shrink + centre
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        corners += np.maximum(0, margin - lo) - np.maximum(0, hi - (np.array([W, H]) - margin))
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    desk = _desk(rng, H, W)
    warped = cv2.warpPerspective(page_bgr, m, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (W, H), flags=cv2.INTER_LINEAR)
    a = (mask.astype(np.float32) / 255.0)[..., None]
    img = desk.astype(np.float32) * (1 - a) + warped.astype(np.float32) * a
    # uneven light: a gradient across the frame, vignette, and a colour cast
    yy, xx = np.mgrid[0:H:8, 0:W:8].astype(np.float32)  # light maps at 1/8 size, then scaled up
    gdir = rng.uniform(0, 2 * math.pi)
    grad = ((xx - W / 2) * math.cos(gdir) + (yy - H / 2) * math.sin(gdir)) / max(W, H)
    light = 1.0 - rng.uniform(0.10, 0.30) * (grad + 0.5)
    vign = 1.0 - 0.18 * (((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2) * 2
    light = light * vign * rng.uniform(0.82, 0.98)
    if shadow is not None:
        params["shadow_factor"] = shadow
        light = light * _shadow_map(rng, H, W, corners, depth=shadow, big=True)
    elif defect != "shadow" and rng.random() < 0.4:  # a soft, light shadow: still legible
        light = light * _shadow_map(rng, H, W, corners, depth=rng.uniform(0.72, 0.85))
    if defect == "shadow":
        depth = rng.uniform(0.10, 0.22)
        params["shadow_depth"] = round(depth, 3)
        light = light * _shadow_map(rng, H, W, corners, depth=depth, big=True)
    light = cv2.resize(light.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)
    cast = np.array([rng.uniform(0.85, 1.0), rng.uniform(0.92, 1.0), rng.uniform(0.95, 1.08)], np.float32)
    img = img * light[..., None] * cast
    if defect == "glare":
        gx, gy = _point_in(rng, corners, 0.25, 0.75)
        rx, ry = rng.uniform(0.22, 0.32) * tw, rng.uniform(0.16, 0.24) * th
        blob = np.exp(-((((xx - gx) / rx) ** 2 + ((yy - gy) / ry) ** 2) ** 2)).astype(np.float32)
        blob = cv2.resize(blob, (W, H), interpolation=cv2.INTER_LINEAR)
        strength = rng.uniform(1.2, 1.6)
        params["glare"] = round(strength, 2)
        img = img + (255 * strength * blob)[..., None]
    img = np.clip(img, 0, 255)
    if defect == "motion_blur":
        length = rng.randint(22, 36)
        ang = rng.uniform(0, 180)
        params.update(motion_px=length, motion_deg=round(ang, 1))
        k = np.zeros((length, length), np.float32)
        k[length // 2, :] = 1
        k = cv2.warpAffine(k, cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), ang, 1.0),
                           (length, length))
        img = cv2.filter2D(img, -1, k / k.sum())
    elif defect == "out_of_focus":
        r = rng.randint(8, 12)
        params["defocus_px"] = r
        k = np.zeros((2 * r + 1, 2 * r + 1), np.float32)
        cv2.circle(k, (r, r), r, 1, -1)
        img = cv2.filter2D(img, -1, k / k.sum())
    else:
        s = rng.uniform(0.3, 1.0)
        params["blur_sigma"] = round(s, 2)
        img = cv2.GaussianBlur(img, (0, 0), s)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(1.5, 4.0), img.shape)
    img = np.clip(img + noise, 0, 255).astype(np.uint8)
    params["jpeg_q"] = rng.randint(78, 93)
    return img, text, fields, params


def _point_in(rng, corners, lo, hi):
    u, v = rng.uniform(lo, hi), rng.uniform(lo, hi)
    tl, tr, br, bl = corners
    top = tl + (tr - tl) * u
    bottom = bl + (br - bl) * u
    p = top + (bottom - top) * v
    return float(p[0]), float(p[1])


def _shadow_map(rng, H, W, corners, depth, big=False):
    """A blurred dark polygon (a hand or phone) reaching into the page."""
    smap = np.ones(((H + 7) // 8, (W + 7) // 8), np.float32)
    c = corners / 8
    tl, tr, br, bl = c
    if big:  # covers 40-65% of the page from one side
        frac = rng.uniform(0.45, 0.7)
        side = rng.randint(0, 3)
        quads = [
            [tl, tr, tr + (br - tr) * frac, tl + (bl - tl) * frac],
            [bl + (tl - bl) * frac, br + (tr - br) * frac, br, bl],
            [tl, tl + (tr - tl) * frac, bl + (br - bl) * frac, bl],
            [tr + (tl - tr) * frac, tr, br, br + (bl - br) * frac],
        ][side]
        poly = np.array(quads, np.float32)
        centre = poly.mean(axis=0)
        poly = centre + (poly - centre) * 1.25
    else:
        x, y = _point_in(rng, c, 0.0, 1.0)
        r = rng.uniform(0.15, 0.3) * np.linalg.norm(tr - tl)
        poly = np.array([[x - r, y - r], [x + r, y - r * 0.5], [x + r * 0.6, y + r], [x - r, y + r * 0.8]],
                        np.float32)
    cv2.fillPoly(smap, [poly.astype(np.int32)], depth)
    return cv2.GaussianBlur(smap, (0, 0), 6 if big else 14)


def make_set(out: Path, seed: int, count: int) -> list[dict]:
    """Half legible photos, half with one defect each (cycled through DEFECTS)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    for i in range(count):
        legible = i % 2 == 0
        defect = None if legible else DEFECTS[(i // 2) % len(DEFECTS)]
        img, text, fields, params = make_photo(rng, defect)
        name = f"photo_{i:03d}.jpg"
        cv2.imwrite(str(out / name), img, [cv2.IMWRITE_JPEG_QUALITY, params["jpeg_q"]])
        labels.append({"file": name, "label": "legible" if legible else "illegible", "kind": "sk",
                       "expected_reason": defect, "params": params, "fields": fields, "text": text})
    (out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False))
    return labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=24)
    a = ap.parse_args()
    labels = make_set(Path(a.out), a.seed, a.count)
    print(f"{len(labels)} photos in {a.out}")


if __name__ == "__main__":
    main()
