"""Product pictures drawn with Pillow: a flat background, a simple silhouette per kind, a label.

No downloads: every picture is drawn here, then goes through the real upload path
(`ingest_product_image`), once per palette entry; products share the stored files.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

SIZE = 640
_FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",)


def _font(size: int):
    for path in _FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _shirt(d, c, fill):
    d.polygon([(c - 150, c - 170), (c - 60, c - 200), (c + 60, c - 200), (c + 150, c - 170),
               (c + 220, c - 80), (c + 150, c - 30), (c + 130, c - 60), (c + 130, c + 200),
               (c - 130, c + 200), (c - 130, c - 60), (c - 150, c - 30), (c - 220, c - 80)],
              fill=fill)  # fmt: skip
    d.arc((c - 60, c - 240, c + 60, c - 160), 0, 180, fill=(255, 255, 255), width=8)


def _hoodie(d, c, fill):
    _shirt(d, c, fill)
    d.ellipse((c - 80, c - 260, c + 80, c - 140), outline=fill, width=30)
    d.rectangle((c - 90, c + 60, c + 90, c + 140), outline=(255, 255, 255), width=6)


def _dress(d, c, fill):
    d.polygon([(c - 70, c - 200), (c + 70, c - 200), (c + 90, c - 40), (c + 200, c + 210),
               (c - 200, c + 210), (c - 90, c - 40)], fill=fill)  # fmt: skip
    d.line((c - 90, c - 40, c + 90, c - 40), fill=(255, 255, 255), width=10)


def _shoe(d, c, fill):
    d.polygon([(c - 220, c + 20), (c - 200, c - 100), (c - 80, c - 90), (c + 40, c - 20),
               (c + 220, c + 30), (c + 220, c + 100), (c - 220, c + 100)], fill=fill)  # fmt: skip
    d.rectangle((c - 230, c + 100, c + 230, c + 130), fill=(245, 245, 245))
    for x in range(-150, -40, 30):
        d.line((c + x, c - 80, c + x + 40, c - 30), fill=(255, 255, 255), width=6)


def _rounded(d, c, fill, w, h, r=40):
    d.rounded_rectangle((c - w, c - h, c + w, c + h), radius=r, fill=fill)


def _phone(d, c, fill):
    _rounded(d, c, fill, 120, 230, 40)
    d.rounded_rectangle((c - 90, c - 200, c - 10, c - 110), radius=20, fill=(40, 40, 40))
    d.ellipse((c - 75, c - 185, c - 25, c - 135), fill=(90, 90, 120))


def _battery(d, c, fill):
    _rounded(d, c, fill, 140, 220, 30)
    for i in range(4):
        d.rectangle((c - 90, c + 100 - i * 70, c + 90, c + 140 - i * 70), fill=(120, 220, 120))


def _plug(d, c, fill):
    _rounded(d, c, fill, 120, 120, 30)
    d.rectangle((c - 20, c + 120, c + 20, c + 250), fill=(60, 60, 60))
    d.rectangle((c - 50, c - 200, c - 30, c - 120), fill=(180, 180, 180))
    d.rectangle((c + 30, c - 200, c + 50, c - 120), fill=(180, 180, 180))


def _headphones(d, c, fill):
    d.arc((c - 180, c - 220, c + 180, c + 140), 180, 360, fill=fill, width=40)
    d.rounded_rectangle((c - 230, c - 60, c - 120, c + 120), radius=40, fill=fill)
    d.rounded_rectangle((c + 120, c - 60, c + 230, c + 120), radius=40, fill=fill)


def _speaker(d, c, fill):
    _rounded(d, c, fill, 180, 220, 50)
    d.ellipse((c - 120, c - 60, c + 120, c + 180), fill=(40, 40, 40))
    d.ellipse((c - 40, c + 20, c + 40, c + 100), fill=(120, 120, 120))
    d.ellipse((c - 50, c - 180, c + 50, c - 80), fill=(40, 40, 40))


def _watch(d, c, fill):
    d.rectangle((c - 70, c - 260, c + 70, c + 260), fill=(60, 60, 60))
    d.ellipse((c - 150, c - 150, c + 150, c + 150), fill=fill)
    d.ellipse((c - 120, c - 120, c + 120, c + 120), fill=(250, 250, 250))
    d.line((c, c, c, c - 90), fill=(20, 20, 20), width=10)
    d.line((c, c, c + 60, c + 30), fill=(20, 20, 20), width=8)


def _usb(d, c, fill):
    _rounded(d, c + 40, fill, 90, 180, 20)
    d.rectangle((c - 60, c - 250, c + 60, c - 140), fill=(200, 200, 200))
    d.rectangle((c - 30, c - 220, c - 10, c - 190), fill=(90, 90, 90))
    d.rectangle((c + 10, c - 220, c + 30, c - 190), fill=(90, 90, 90))


def _pan(d, c, fill):
    d.ellipse((c - 220, c - 160, c + 120, c + 180), fill=fill)
    d.ellipse((c - 190, c - 130, c + 90, c + 150), fill=(70, 70, 70))
    d.rectangle((c + 100, c - 10, c + 290, c + 30), fill=(40, 30, 20))


def _knife(d, c, fill):
    d.polygon([(c - 260, c - 20), (c + 60, c - 60), (c + 60, c + 20), (c - 200, c + 20)],
              fill=(200, 205, 210))  # fmt: skip
    d.rounded_rectangle((c + 60, c - 60, c + 260, c + 10), radius=20, fill=fill)


def _bottle(d, c, fill):
    d.rounded_rectangle((c - 90, c - 160, c + 90, c + 240), radius=50, fill=fill)
    d.rectangle((c - 50, c - 240, c + 50, c - 160), fill=(60, 60, 60))


def _lamp(d, c, fill):
    d.polygon([(c - 160, c - 80), (c + 20, c - 200), (c + 80, c - 120), (c - 100, c + 0)],
              fill=fill)  # fmt: skip
    d.line((c - 20, c - 60, c + 60, c + 200), fill=(80, 80, 80), width=20)
    d.ellipse((c - 60, c + 180, c + 180, c + 240), fill=(80, 80, 80))
    d.polygon([(c - 160, c - 80), (c - 100, c), (c - 200, c + 120)], fill=(255, 240, 150))


def _shears(d, c, fill):
    d.polygon([(c - 20, c - 20), (c + 240, c - 200), (c + 260, c - 170), (c + 20, c + 20)],
              fill=(200, 205, 210))  # fmt: skip
    d.line((c, c, c - 200, c + 120), fill=fill, width=40)
    d.line((c, c, c - 120, c + 200), fill=fill, width=40)


def _mat(d, c, fill):
    d.rectangle((c - 240, c + 40, c + 120, c + 160), fill=fill)
    d.ellipse((c + 40, c - 60, c + 260, c + 160), fill=fill)
    d.ellipse((c + 100, c + 0, c + 200, c + 100), outline=(255, 255, 255), width=8)


def _dumbbell(d, c, fill):
    d.rectangle((c - 200, c - 15, c + 200, c + 15), fill=(150, 150, 150))
    for x in (-200, 140):
        d.rounded_rectangle((c + x, c - 110, c + x + 60, c + 110), radius=15, fill=fill)


def _tent(d, c, fill):
    d.polygon([(c, c - 200), (c + 260, c + 180), (c - 260, c + 180)], fill=fill)
    d.polygon([(c, c - 60), (c + 70, c + 180), (c - 70, c + 180)], fill=(40, 40, 40))


def _jar(d, c, fill):
    d.rounded_rectangle((c - 160, c - 60, c + 160, c + 180), radius=40, fill=(250, 250, 250))
    d.rounded_rectangle((c - 170, c - 140, c + 170, c - 60), radius=20, fill=fill)


def _brushes(d, c, fill):
    for i, x in enumerate(range(-180, 200, 90)):
        d.rectangle((c + x, c - 40, c + x + 30, c + 220), fill=(50, 40, 30))
        d.ellipse((c + x - 25, c - 200 + i * 10, c + x + 55, c - 30), fill=fill)


def _capsules(d, c, fill):
    d.rounded_rectangle((c - 130, c - 180, c + 130, c + 220), radius=30, fill=(250, 250, 250))
    d.rectangle((c - 140, c - 230, c + 140, c - 170), fill=fill)
    for dx, dy in ((-60, 0), (40, 60), (-20, 130)):
        d.rounded_rectangle((c + dx - 50, c + dy - 20, c + dx + 50, c + dy + 20), radius=20,
                            fill=fill)  # fmt: skip


def _pills(d, c, fill):
    d.rounded_rectangle((c - 220, c - 140, c + 220, c + 140), radius=20, fill=(220, 220, 225))
    for row in range(2):
        for col in range(4):
            x, y = c - 165 + col * 110, c - 65 + row * 130
            d.ellipse((x - 35, y - 35, x + 35, y + 35), fill=fill)


def _blocks(d, c, fill):
    colours = [fill, (250, 200, 40), (40, 120, 220), (40, 170, 80)]
    for i in range(3):
        for j in range(3 - i):
            x, y = c - 210 + j * 140 + i * 70, c + 110 - i * 110
            d.rectangle((x, y, x + 130, y + 100), fill=colours[(i + j) % 4])
            d.ellipse((x + 20, y - 20, x + 55, y + 10), fill=colours[(i + j) % 4])
            d.ellipse((x + 75, y - 20, x + 110, y + 10), fill=colours[(i + j) % 4])


def _bear(d, c, fill):
    d.ellipse((c - 200, c - 40, c + 200, c + 240), fill=fill)
    d.ellipse((c - 140, c - 240, c + 140, c + 20), fill=fill)
    d.ellipse((c - 160, c - 260, c - 80, c - 180), fill=fill)
    d.ellipse((c + 80, c - 260, c + 160, c - 180), fill=fill)
    d.ellipse((c - 60, c - 140, c - 30, c - 110), fill=(20, 20, 20))
    d.ellipse((c + 30, c - 140, c + 60, c - 110), fill=(20, 20, 20))


def _car(d, c, fill):
    d.rounded_rectangle((c - 240, c - 40, c + 240, c + 100), radius=30, fill=fill)
    d.polygon([(c - 120, c - 40), (c - 70, c - 140), (c + 90, c - 140), (c + 150, c - 40)],
              fill=fill)  # fmt: skip
    for x in (-150, 150):
        d.ellipse((c + x - 60, c + 50, c + x + 60, c + 170), fill=(30, 30, 30))


def _necklace(d, c, fill):
    d.arc((c - 200, c - 260, c + 200, c + 140), 20, 160, fill=(200, 200, 210), width=8)
    d.polygon([(c, c + 60), (c + 70, c + 160), (c, c + 260), (c - 70, c + 160)], fill=fill)


def _camera(d, c, fill):
    _rounded(d, c, fill, 200, 130, 30)
    d.ellipse((c - 90, c - 90, c + 90, c + 90), fill=(30, 30, 40))
    d.ellipse((c - 50, c - 50, c + 50, c + 50), fill=(80, 90, 140))
    d.rectangle((c - 30, c - 200, c + 30, c - 130), fill=(60, 60, 60))


def _bag(d, c, fill):
    d.rounded_rectangle((c - 170, c - 150, c + 170, c + 230), radius=60, fill=fill)
    d.arc((c - 100, c - 250, c + 100, c - 60), 180, 360, fill=(60, 60, 60), width=20)
    d.rounded_rectangle((c - 110, c + 40, c + 110, c + 180), radius=30, outline=(255, 255, 255),
                        width=8)  # fmt: skip


SHAPES = {
    "shirt": _shirt, "hoodie": _hoodie, "dress": _dress, "shoe": _shoe, "phone": _phone,
    "battery": _battery, "plug": _plug, "headphones": _headphones, "speaker": _speaker,
    "watch": _watch, "usb": _usb, "pan": _pan, "knife": _knife, "bottle": _bottle,
    "lamp": _lamp, "shears": _shears, "mat": _mat, "dumbbell": _dumbbell, "tent": _tent,
    "jar": _jar, "brushes": _brushes, "capsules": _capsules, "pills": _pills,
    "blocks": _blocks, "bear": _bear, "car": _car, "necklace": _necklace,
    "camera": _camera, "bag": _bag,
}  # fmt: skip


def draw(shape: str, colour: tuple[int, int, int], label: str, seed: int) -> bytes:
    """A JPEG: pastel background, the silhouette in `colour`, the label at the bottom."""
    rng = random.Random(seed)
    background = tuple(rng.randint(215, 250) for _ in range(3))
    image = Image.new("RGB", (SIZE, SIZE), background)
    d = ImageDraw.Draw(image)
    for _ in range(6):  # a few soft dots so pictures of one kind differ
        x, y, r = rng.randint(0, SIZE), rng.randint(0, SIZE), rng.randint(10, 50)
        tint = tuple(max(0, v - 18) for v in background)
        d.ellipse((x - r, y - r, x + r, y + r), fill=tint)
    SHAPES[shape](d, SIZE // 2 - 20, colour)
    font = _font(34)
    width = d.textlength(label, font=font)
    d.text(((SIZE - width) / 2, SIZE - 62), label, fill=(40, 40, 48), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()
