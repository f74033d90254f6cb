"""A decree cut cleanly through a blank band -- no letter runs off the edge -- is still refused as cut
off when its letterhead or its signature block is gone, with the side of the page where the part is
missing; the whole decree, and a diploma (which has no 'Ditetapkan di' block), pass."""
import io
import random

from PIL import Image, ImageDraw, ImageFont

from ocr import analyze

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
BODY = [
    "Menimbang bahwa pegawai yang bersangkutan telah memenuhi syarat untuk dinaikkan pangkatnya setingkat lebih tinggi.",
    "Mengingat Peraturan Pemerintah tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah.",
    "Pegawai bertanggung jawab atas kebenaran data dan dokumen yang diunggah ke dalam sistem informasi kepegawaian.",
    "Kepada pegawai yang bersangkutan diberikan gaji pokok sesuai dengan ketentuan peraturan perundang-undangan.",
]


def _decree(rng: random.Random, kind: str = "decree") -> tuple[Image.Image, dict]:
    """A4 at 200 dpi: letterhead, title, body, employee lines, the 'Ditetapkan di' line and the signatory's
    block under it. Returns the page and the y (pixels) where its parts begin and end."""
    w, h = 1654, 2339
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    f, fb = ImageFont.truetype(SERIF, 28), ImageFont.truetype(BOLD, 32)
    y, at = 150, {}

    def put(text, font=f, centre=False, x=160):
        nonlocal y
        if centre:
            x = (w - d.textlength(text, font=font)) / 2
        d.text((x, y), text, font=font, fill=0)
        y += int(font.size * 1.5)

    if kind == "decree":
        for line in ("PEMERINTAH KABUPATEN SIDOARJO", "BADAN KEPEGAWAIAN DAERAH"):
            put(line, fb, centre=True)
        d.line((160, y, w - 160, y), fill=0, width=4)
        y += 30
        put("KEPUTUSAN BUPATI SIDOARJO", fb, centre=True)
        put(f"NOMOR 821.2/{rng.randint(100, 999)}/438.5/2024", centre=True)
    else:
        put("IJAZAH", fb, centre=True)
        put("UNIVERSITAS NEGERI MALANG", fb, centre=True)
    at["heading_end"] = y + 10
    y += 40
    for sentence in rng.sample(BODY, len(BODY)):
        words, line = sentence.split(), ""
        for word in words:
            if d.textlength(f"{line} {word}", font=f) > w - 320:
                put(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        put(line)
    put("Nama : Siti Rahayu")
    put("NIP : 19811213 200910 2 159")
    if kind == "decree":
        put("Ditetapkan di Sidoarjo pada tanggal 2 Mei 2024", x=860)
        at["opening_end"] = y + 5
        put("BUPATI SIDOARJO,", x=860)
        y += 150  # the signature
        d.line((900, y - 90, 1100, y - 130), fill=0, width=5)
        put("H. AHMAD MUHDLOR", x=860)
        put("NIP. 19700101 199003 1 002", x=860)
    else:
        put("Nomor Ijazah 123/UN32/2024")
        y += 150
    at["end"] = y
    return img, at


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


def _cut(img: Image.Image, top: int, bottom: int) -> Image.Image:
    """The band [top, bottom) of the page on fresh paper with ordinary margins: no ink at any edge."""
    band = img.crop((0, top, img.width, bottom))
    out = Image.new("L", (img.width, band.height + 300), 255)
    out.paste(band, (0, 150))
    return out


def test_the_whole_decree_passes():
    img, _ = _decree(random.Random(3))
    result = analyze(_png(img))
    assert result.legible, [r.code for r in result.reasons]


def test_a_decree_cut_below_its_opening_line_misses_the_signature_block():
    img, at = _decree(random.Random(3))
    result = analyze(_png(_cut(img, 0, at["opening_end"])))
    assert not result.legible
    missing = [r for r in result.reasons if r.code == "signature_missing"]
    assert missing and missing[0].where == "bottom", [r.code for r in result.reasons]
    assert "tanda tangan" in missing[0].message_id and "bawah" in missing[0].message_id


def test_a_decree_cut_below_its_letterhead_misses_the_heading():
    img, at = _decree(random.Random(3))
    result = analyze(_png(_cut(img, at["heading_end"], img.height)))
    assert not result.legible
    missing = [r for r in result.reasons if r.code == "heading_missing"]
    assert missing and missing[0].where == "top", [r.code for r in result.reasons]
    assert "Kop surat" in missing[0].message_id and "atas" in missing[0].message_id


def _attachment() -> Image.Image:
    img = Image.new("L", (1654, 2339), 255)
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(SERIF, 28)
    d.text((160, 150), "LAMPIRAN KEPUTUSAN BUPATI SIDOARJO", font=ImageFont.truetype(BOLD, 30), fill=0)
    for k in range(12):
        d.text((160, 260 + 60 * k), f"{k + 1}. Pegawai wajib memiliki berkas kepegawaian digital yang lengkap.",
               font=f, fill=0)
    return img


def _pdf(*pages: Image.Image) -> bytes:
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", save_all=True, append_images=list(pages[1:]), resolution=200.0)
    return buf.getvalue()


def test_an_attachment_after_the_signed_page_passes():
    img, _ = _decree(random.Random(3))
    result = analyze(_pdf(img, _attachment()))
    assert result.pages == 2 and result.legible, [(r.code, r.page) for r in result.reasons]


def test_a_decree_whose_pages_all_lack_the_signature_block_is_refused_on_its_last_page():
    img, at = _decree(random.Random(3))
    result = analyze(_pdf(_cut(img, 0, at["opening_end"] - 60), _attachment()))
    assert [(r.code, r.page, r.where) for r in result.reasons] == [("signature_missing", 2, "bottom")]


def test_a_diploma_needs_no_ditetapkan_block():
    img, _ = _decree(random.Random(3), kind="diploma")
    result = analyze(_png(img))
    assert result.legible, [r.code for r in result.reasons]
