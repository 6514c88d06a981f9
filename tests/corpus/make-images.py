#!/usr/bin/env python3
"""Regenerate the pictures of the test corpus (tests/corpus/issues/*/images/).

Every picture is drawn here from code: gradients, shapes, bar and line
charts, no text and no outside material. The output is deterministic
(fixed random seeds), so running the script again gives the same pictures
(byte-identical for a given Pillow/zlib version).

Needs Python 3 and Pillow (pip install pillow, in a virtual environment):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow
    /tmp/venv/bin/python tests/corpus/make-images.py

Run from anywhere; paths are relative to this file. Prints each file with
its mode, size in pixels and bytes, and the total.
"""

import math
import os
import random
import struct
import zlib

from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
ISSUES = os.path.join(HERE, "issues")

written = []


def out(issue, name):
    d = os.path.join(ISSUES, str(issue), "images")
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def record(path, desc):
    written.append((path, desc))


# ---------------------------------------------------------------- helpers


def vgradient(w, h, top, bottom):
    """A vertical gradient, drawn small and scaled up (fast for big sizes)."""
    g = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        g.putpixel((0, y), tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3)))
    return g.resize((w, h), Image.BILINEAR)


def hgradient(w, h, left, right):
    return vgradient(h, w, left, right).transpose(Image.ROTATE_90).transpose(Image.FLIP_TOP_BOTTOM)


def skyline(img, rng, base_y, color, count, min_h, max_h, window=None):
    """Rectangles standing on base_y: a city seen from afar."""
    d = ImageDraw.Draw(img)
    w = img.width
    x = -rng.randint(0, 40)
    while x < w:
        bw = rng.randint(w // (count * 2) + 4, w // count + 8)
        bh = rng.randint(min_h, max_h)
        d.rectangle([x, base_y - bh, x + bw, base_y], fill=color)
        if rng.random() < 0.25:  # a spire or a stepped top
            d.rectangle([x + bw // 3, base_y - bh - bh // 6, x + 2 * bw // 3, base_y - bh], fill=color)
        if window:
            step = max(6, bw // 6)
            for wy in range(base_y - bh + step, base_y - step, step):
                for wx in range(x + step // 2, x + bw - step // 2, step):
                    if rng.random() < 0.35:
                        d.rectangle([wx, wy, wx + step // 3, wy + step // 3], fill=window)
        x += bw + rng.randint(0, 6)


def bokeh(img, rng, n, rmin, rmax, colors, alpha=90):
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for _ in range(n):
        r = rng.randint(rmin, rmax)
        x, y = rng.randint(0, img.width), rng.randint(0, img.height)
        c = rng.choice(colors)
        d.ellipse([x - r, y - r, x + r, y + r], fill=c + (alpha,))
    layer = layer.filter(ImageFilter.GaussianBlur(max(1, rmin // 3)))
    base = img.convert("RGBA")
    base.alpha_composite(layer)
    return base.convert("RGB")


def bar_chart(w, h, values, colors, bg=(255, 255, 255), grid=(225, 230, 238), axis=(90, 100, 115)):
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    left, right, top, bottom = int(w * 0.08), int(w * 0.96), int(h * 0.08), int(h * 0.88)
    for i in range(6):
        y = bottom - (bottom - top) * i / 5
        d.line([left, y, right, y], fill=grid, width=max(1, h // 300))
    vmax = max(max(v) if isinstance(v, (list, tuple)) else v for v in values)
    n = len(values)
    slot = (right - left) / n
    for i, v in enumerate(values):
        group = v if isinstance(v, (list, tuple)) else [v]
        bw = slot * 0.7 / len(group)
        for j, gv in enumerate(group):
            x0 = left + slot * i + slot * 0.15 + bw * j
            y0 = bottom - (bottom - top) * gv / vmax
            d.rectangle([x0, y0, x0 + bw - 2, bottom], fill=colors[j % len(colors)])
    d.line([left, bottom, right, bottom], fill=axis, width=max(2, h // 200))
    d.line([left, top, left, bottom], fill=axis, width=max(2, h // 200))
    return img


def line_chart(img, series, colors, box, width=4):
    d = ImageDraw.Draw(img)
    left, top, right, bottom = box
    vmax = max(max(s) for s in series)
    for s, c in zip(series, colors):
        pts = [
            (left + (right - left) * i / (len(s) - 1), bottom - (bottom - top) * v / vmax)
            for i, v in enumerate(s)
        ]
        d.line(pts, fill=c, width=width, joint="curve")
        for x, y in pts:
            d.ellipse([x - width * 1.5, y - width * 1.5, x + width * 1.5, y + width * 1.5], fill=c)


def walk(rng, n, start, drift, noise):
    v, s = start, []
    for _ in range(n):
        v = max(1, v + drift + rng.uniform(-noise, noise))
        s.append(v)
    return s


def save_png16(path, w, h, pixel, channels):
    """A 16-bit PNG (grey: colour type 0; RGB: colour type 2), written by
    hand because Pillow cannot write 48-bit RGB. pixel(x, y) returns a
    tuple of `channels` values 0..65535. Rows use the Up filter."""
    ctype = {1: 0, 3: 2}[channels]
    raw = bytearray()
    prev = bytes(w * channels * 2)
    for y in range(h):
        row = bytearray()
        for x in range(w):
            for v in pixel(x, y):
                row += struct.pack(">H", v)
        raw.append(2)  # Up
        raw += bytes((a - b) & 0xFF for a, b in zip(row, prev))
        prev = bytes(row)

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, ctype, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


# ---------------------------------------------------------------- 901: one picture per part


def issue_901():
    rng = random.Random(901)
    # WEEKLY 뉴스: a city at dusk (JPEG, RGB, 3:2).
    img = vgradient(1200, 800, (32, 58, 112), (236, 160, 96))
    img = bokeh(img, rng, 25, 6, 18, [(255, 220, 160), (255, 190, 120)], 70)
    skyline(img, rng, 800, (58, 64, 92), 14, 200, 420)
    skyline(img, rng, 800, (30, 34, 52), 10, 120, 330, window=(250, 214, 140))
    p = out(901, "shenzhen-dusk.jpg")
    img.save(p, quality=72, optimize=True)
    record(p, "JPEG RGB city at dusk")

    # CHINA 창업: a bar chart (PNG, RGB).
    vals = [[12, 18], [15, 24], [21, 30], [26, 41], [33, 52], [40, 66]]
    img = bar_chart(1000, 600, vals, [(27, 79, 140), (232, 128, 60)])
    p = out(901, "funding-chart.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB grouped bar chart")

    # KIC 중국 뉴스: a hall with a stage and rows of seats (JPEG, 4:3).
    img = vgradient(960, 720, (40, 44, 60), (92, 96, 120))
    d = ImageDraw.Draw(img)
    d.rectangle([180, 120, 780, 380], fill=(27, 79, 140))
    d.rectangle([200, 140, 760, 360], fill=(70, 130, 200))
    d.polygon([(0, 470), (960, 470), (960, 720), (0, 720)], fill=(60, 50, 48))
    for row in range(5):
        y = 500 + row * 45
        for i in range(18):
            x = 20 + i * 53 + (row % 2) * 20
            d.ellipse([x, y - 26, x + 30, y + 4], fill=(20 + row * 8, 22 + row * 8, 30 + row * 8))
            d.rectangle([x - 4, y, x + 34, y + 30], fill=(30 + row * 10, 30 + row * 9, 36 + row * 9))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    p = out(901, "kic-forum.jpg")
    img.save(p, quality=75, optimize=True)
    record(p, "JPEG RGB conference hall")


# ---------------------------------------------------------------- 902: a few pictures in a long issue


def issue_902():
    rng = random.Random(902)
    img = hgradient(900, 500, (220, 236, 248), (246, 250, 252))
    line_chart(
        img,
        [walk(rng, 24, 30, 1.5, 3), walk(rng, 24, 20, 2.2, 3), walk(rng, 24, 25, 0.4, 2)],
        [(27, 79, 140), (200, 70, 60), (90, 150, 90)],
        (60, 40, 860, 450),
        4,
    )
    p = out(902, "ev-sales-line.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB line chart")

    img = vgradient(1000, 560, (150, 190, 230), (230, 236, 240))
    d = ImageDraw.Draw(img)
    for i in range(7):  # wind turbines on hills
        x = 80 + i * 140
        d.ellipse([x - 200, 430 - (i % 3) * 20, x + 200, 760], fill=(90, 130 - i * 4, 80))
    for i in range(6):
        x, y = 120 + i * 150, 180 + (i % 3) * 25
        d.line([x, y, x, 470], fill=(245, 245, 245), width=8)
        for k in range(3):
            a = math.radians(k * 120 + i * 17)
            d.line([x, y, x + 90 * math.cos(a), y + 90 * math.sin(a)], fill=(250, 250, 250), width=6)
    p = out(902, "wind-farm.jpg")
    img.save(p, quality=74, optimize=True)
    record(p, "JPEG RGB wind farm")


# ---------------------------------------------------------------- 904: every kind of PNG and JPEG


def issue_904():
    rng = random.Random(904)

    # 1. PNG RGB, 16:9 bar chart.
    img = bar_chart(1600, 900, [rng.randint(20, 100) for _ in range(12)], [(27, 79, 140)])
    p = out(904, "chart-rgb-1600x900.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB 8-bit, 16:9 bar chart")

    # 2. PNG RGBA with transparency: a round emblem on a transparent ground.
    img = Image.new("RGBA", (800, 800), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([40, 40, 760, 760], fill=(27, 79, 140, 255))
    d.ellipse([120, 120, 680, 680], fill=(255, 255, 255, 160))
    for k in range(8):
        a = math.radians(k * 45)
        cx, cy = 400 + 200 * math.cos(a), 400 + 200 * math.sin(a)
        d.ellipse([cx - 50, cy - 50, cx + 50, cy + 50], fill=(232, 128, 60, 220))
    d.ellipse([330, 330, 470, 470], fill=(200, 40, 40, 255))
    img = img.filter(ImageFilter.SMOOTH)
    p = out(904, "emblem-rgba-800.png")
    img.save(p, optimize=True)
    record(p, "PNG RGBA 8-bit, transparent background")

    # 3. PNG greyscale (L): a wafer seen under a microscope.
    img = Image.new("L", (1000, 750), 40)
    d = ImageDraw.Draw(img)
    d.ellipse([175, 50, 825, 700], fill=150)
    for gx in range(205, 800, 40):
        for gy in range(80, 680, 40):
            if (gx - 500) ** 2 + (gy - 375) ** 2 < 300 ** 2:
                d.rectangle([gx, gy, gx + 32, gy + 32], fill=110 + rng.randint(0, 90))
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    p = out(904, "wafer-grey-1000x750.png")
    img.save(p, optimize=True)
    record(p, "PNG greyscale 8-bit")

    # 4. PNG greyscale + alpha (LA).
    img = Image.new("LA", (600, 600), (0, 0))
    d = ImageDraw.Draw(img)
    for r in range(280, 0, -40):
        d.ellipse([300 - r, 300 - r, 300 + r, 300 + r], fill=(255 - r // 2, 255 - r // 3))
    p = out(904, "rings-grey-alpha-600.png")
    img.save(p, optimize=True)
    record(p, "PNG greyscale+alpha 8-bit")

    # 5. PNG palette (P): a coloured district map with 8 colours.
    img = Image.new("RGB", (1200, 800), (236, 240, 232))
    d = ImageDraw.Draw(img)
    pal = [(188, 214, 170), (240, 210, 150), (170, 200, 230), (230, 170, 160), (200, 190, 230), (160, 160, 160)]
    for _ in range(40):
        x, y = rng.randint(-100, 1200), rng.randint(-100, 800)
        pts = [(x + rng.randint(-220, 220), y + rng.randint(-160, 160)) for _ in range(6)]
        d.polygon(pts, fill=rng.choice(pal), outline=(120, 120, 120))
    d.line([(0, 420), (300, 380), (640, 460), (1200, 300)], fill=(80, 140, 210), width=22)
    img = img.quantize(colors=8, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    p = out(904, "district-palette-1200x800.png")
    img.save(p, optimize=True)
    record(p, "PNG palette (8 colours)")

    # 6. PNG palette with a transparent entry (tRNS).
    img = Image.new("P", (500, 500), 0)
    img.putpalette([255, 255, 255, 27, 79, 140, 232, 128, 60, 90, 150, 90] + [0] * (252 * 3))
    d = ImageDraw.Draw(img)
    d.rectangle([60, 60, 440, 440], fill=1)
    d.ellipse([140, 140, 360, 360], fill=2)
    d.polygon([(250, 20), (480, 250), (250, 480), (20, 250)], outline=3)
    p = out(904, "badge-palette-trns-500.png")
    img.save(p, transparency=0, optimize=True)
    record(p, "PNG palette with transparent index 0")

    # 7. PNG greyscale 16-bit: a heat map in soft bands (values step by 64
    #    so that the file stays small; the high and low bytes both vary).
    w, h = 480, 360
    save_png16(
        out(904, "heatmap-grey16-480x360.png"),
        w,
        h,
        lambda x, y: ((int(32767 + 32000 * math.sin(x / 70.0) * math.cos(y / 55.0)) // 64) * 64,),
        1,
    )
    record(out(904, "heatmap-grey16-480x360.png"), "PNG greyscale 16-bit")

    # 8. PNG RGB 16-bit (48-bit colour), written by hand.
    w, h = 480, 320
    save_png16(
        out(904, "spectrum-rgb16-480x320.png"),
        w,
        h,
        lambda x, y: (x * 65535 // (w - 1), y * 65535 // (h - 1), (w - 1 - x) * 65535 // (w - 1)),
        3,
    )
    record(out(904, "spectrum-rgb16-480x320.png"), "PNG RGB 16-bit")

    # 9. JPEG RGB, large 3000x2000: a harbour at sunrise.
    img = vgradient(3000, 2000, (250, 200, 140), (120, 160, 200))
    d = ImageDraw.Draw(img)
    d.ellipse([1900, 500, 2300, 900], fill=(255, 236, 190))
    d.rectangle([0, 1300, 3000, 2000], fill=(60, 100, 140))
    for i in range(0, 3000, 60):
        d.line([(i, 1400 + (i * 7) % 500), (i + 40, 1400 + (i * 7) % 500)], fill=(150, 180, 210), width=4)
    skyline(img, rng, 1300, (70, 70, 90), 30, 200, 700)
    for i in range(6):  # container cranes
        x = 300 + i * 420
        d.line([x, 1300, x, 800], fill=(200, 60, 40), width=26)
        d.line([x - 200, 820, x + 260, 820], fill=(200, 60, 40), width=22)
    img = img.filter(ImageFilter.GaussianBlur(2))
    p = out(904, "harbour-rgb-3000x2000.jpg")
    img.save(p, quality=55, optimize=True)
    record(p, "JPEG RGB baseline, 3000x2000")

    # 10. JPEG RGB, small 400x300.
    img = vgradient(400, 300, (90, 160, 90), (200, 230, 180))
    d = ImageDraw.Draw(img)
    for i in range(5):
        d.rectangle([30 + i * 75, 120 - i * 10, 90 + i * 75, 260], fill=(240, 240, 235))
        d.polygon([(25 + i * 75, 120 - i * 10), (60 + i * 75, 80 - i * 10), (95 + i * 75, 120 - i * 10)], fill=(180, 60, 50))
    p = out(904, "village-rgb-400x300.jpg")
    img.save(p, quality=80)
    record(p, "JPEG RGB, 400x300")

    # 11. JPEG greyscale: an old factory photo.
    img = vgradient(1200, 900, (200, 200, 200), (90, 90, 90)).convert("L")
    d = ImageDraw.Draw(img)
    for i in range(5):
        d.rectangle([100 + i * 210, 300, 260 + i * 210, 900], fill=60 + i * 8)
        d.rectangle([150 + i * 210, 120, 190 + i * 210, 300], fill=50)
    img = img.filter(ImageFilter.GaussianBlur(1))
    p = out(904, "factory-grey-1200x900.jpg")
    img.save(p, quality=70, optimize=True)
    record(p, "JPEG greyscale")

    # 12. JPEG progressive.
    img = vgradient(1000, 1000, (30, 30, 60), (120, 40, 90))
    img = bokeh(img, rng, 60, 10, 45, [(255, 120, 200), (120, 200, 255), (255, 230, 120)], 110)
    p = out(904, "lights-progressive-1000.jpg")
    img.save(p, quality=70, progressive=True, optimize=True)
    record(p, "JPEG RGB progressive, square")

    # 13. Very tall PNG infographic (1:6).
    img = vgradient(400, 2400, (240, 245, 250), (210, 222, 238))
    d = ImageDraw.Draw(img)
    for i in range(8):
        y = 60 + i * 290
        d.rounded_rectangle([40, y, 360, y + 240], radius=30, fill=(255, 255, 255), outline=(27, 79, 140), width=6)
        d.ellipse([70, y + 70, 170, y + 170], fill=[(27, 79, 140), (232, 128, 60), (90, 150, 90)][i % 3])
        d.rectangle([200, y + 90, 200 + 20 * (i + 1), y + 150], fill=(150, 160, 180))
    p = out(904, "steps-tall-400x2400.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB, very tall 1:6")

    # 14. Very wide JPEG panorama (6:1).
    img = vgradient(3000, 500, (120, 170, 220), (235, 225, 200))
    d = ImageDraw.Draw(img)
    pts = [(0, 500)] + [(x, 300 - 120 * math.sin(x / 260.0) - 40 * math.sin(x / 77.0)) for x in range(0, 3001, 20)] + [(3000, 500)]
    d.polygon(pts, fill=(90, 120, 100))
    skyline(img, rng, 500, (60, 70, 80), 60, 60, 200)
    p = out(904, "panorama-wide-3000x500.jpg")
    img.save(p, quality=60, optimize=True)
    record(p, "JPEG RGB, very wide 6:1")

    # 15. Interlaced (Adam7) PNG: Pillow cannot write it, so re-encode by hand
    #     from a small RGB picture.
    img = bar_chart(600, 400, [[3, 5, 2], [4, 6, 3], [6, 7, 5], [8, 9, 6]],
                    [(27, 79, 140), (232, 128, 60), (90, 150, 90)])
    save_interlaced(out(904, "chart-interlaced-600x400.png"), img)
    record(out(904, "chart-interlaced-600x400.png"), "PNG RGB 8-bit, Adam7 interlaced")

    # 17. A table that was pasted as a picture (captioned with 표: in the issue):
    #     a header band, zebra rows, and bars in place of numbers.
    img = Image.new("RGB", (900, 420), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 900, 50], fill=(27, 79, 140))
    for r in range(7):
        y = 50 + r * 52
        if r % 2:
            d.rectangle([0, y, 900, y + 52], fill=(238, 242, 247))
        d.line([0, y + 52, 900, y + 52], fill=(154, 167, 184), width=2)
        d.rectangle([20, y + 18, 20 + rng.randint(80, 160), y + 34], fill=(120, 120, 120))
        for c in range(3):
            x = 320 + c * 190
            d.rectangle([x, y + 16, x + rng.randint(30, 150), y + 36], fill=[(27, 79, 140), (232, 128, 60), (90, 150, 90)][c])
    for c in range(4):
        d.rectangle([20 + c * 220 if c else 20, 16, (20 + c * 220 if c else 20) + 90, 34], fill=(255, 255, 255))
    p = out(904, "table-as-picture-900x420.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB, a table pasted as a picture")

    # 16. A tiny picture that has to be enlarged a lot: 64x48.
    img = hgradient(64, 48, (27, 79, 140), (232, 128, 60))
    p = out(904, "icon-tiny-64x48.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB, tiny 64x48")


def save_interlaced(path, img):
    """Write an 8-bit RGB PNG with Adam7 interlacing (filter None)."""
    img = img.convert("RGB")
    w, h = img.size
    px = img.load()
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = bytearray()
    for x0, y0, dx, dy in passes:
        if x0 >= w or y0 >= h:
            continue
        for y in range(y0, h, dy):
            raw.append(0)
            for x in range(x0, w, dx):
                raw += bytes(px[x, y])

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


# ---------------------------------------------------------------- 905 and 906: one picture each


def issue_905():
    rng = random.Random(905)
    img = Image.new("RGB", (900, 900), (255, 255, 255))
    d = ImageDraw.Draw(img)
    shares = [34, 22, 17, 12, 9, 6]
    cols = [(27, 79, 140), (232, 128, 60), (90, 150, 90), (200, 70, 60), (140, 110, 180), (160, 160, 160)]
    a = -90.0
    for s, c in zip(shares, cols):
        d.pieslice([100, 100, 800, 800], a, a + s * 3.6, fill=c, outline=(255, 255, 255), width=6)
        a += s * 3.6
    d.ellipse([300, 300, 600, 600], fill=(255, 255, 255))
    p = out(905, "market-share-donut.png")
    img.save(p, optimize=True)
    record(p, "PNG RGB donut chart")


def issue_906():
    rng = random.Random(906)
    img = vgradient(1400, 700, (214, 222, 232), (170, 180, 196))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 560, 1400, 700], fill=(120, 124, 132))
    for i in range(5):  # humanoid robots: head, body, arms, legs
        x = 160 + i * 270
        c = (235, 238, 242) if i % 2 == 0 else (60, 66, 80)
        d.ellipse([x - 35, 150, x + 35, 220], fill=c)
        d.rounded_rectangle([x - 60, 230, x + 60, 400], radius=20, fill=c)
        d.rounded_rectangle([x - 90, 240, x - 66, 390], radius=10, fill=c)
        d.rounded_rectangle([x + 66, 240, x + 90, 390], radius=10, fill=c)
        d.rounded_rectangle([x - 50, 405, x - 10, 560], radius=10, fill=c)
        d.rounded_rectangle([x + 10, 405, x + 50, 560], radius=10, fill=c)
        d.rectangle([x - 25, 175, x + 25, 190], fill=(60, 170, 230))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    p = out(906, "humanoid-line.jpg")
    img.save(p, quality=76, optimize=True)
    record(p, "JPEG RGB robots on a line")


def issue_904_kinds():
    """Kinds past PNG and RGB/grey JPEG: CMYK JPEG, a JPEG turned by EXIF,
    WebP, an animated GIF and SVG (written as text)."""
    rng = random.Random(9040)

    # 18. CMYK JPEG as Photoshop writes it: Adobe APP14 marker, values
    # inverted (Pillow writes CMYK the same way). Process-colour patches on
    # white, so a wrong conversion shows at once: cyan, magenta, yellow;
    # red, green, blue (two inks each); black and a 40 % grey.
    img = Image.new("CMYK", (800, 600), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    inks = [
        (255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 255, 255, 0),
        (255, 0, 255, 0), (255, 255, 0, 0), (0, 0, 0, 255), (0, 0, 0, 102),
    ]
    for k, ink in enumerate(inks):
        x, y = 40 + (k % 4) * 190, 60 + (k // 4) * 270
        d.rounded_rectangle([x, y, x + 150, y + 210], radius=24, fill=ink)
    p = out(904, "inks-cmyk-adobe-800x600.jpg")
    img.save(p, quality=60)
    record(p, "JPEG CMYK (Adobe marker, inverted)")

    # 19. A phone photo held upright, stored on its side with EXIF
    # orientation 6 ("turn 90° clockwise to show"): sky on top, a tower
    # standing on the ground, the sun at the upper right.
    up = vgradient(600, 900, (120, 170, 225), (235, 225, 200))
    d = ImageDraw.Draw(up)
    d.ellipse([430, 90, 530, 190], fill=(250, 215, 90))
    d.rectangle([0, 720, 600, 900], fill=(90, 120, 70))
    d.rectangle([250, 250, 350, 720], fill=(70, 80, 100))
    d.polygon([(230, 250), (370, 250), (300, 150)], fill=(180, 60, 50))
    stored = up.transpose(Image.ROTATE_90)  # counter-clockwise: 900 x 600
    exif = Image.Exif()
    exif[0x0112] = 6
    p = out(904, "tower-exif6-600x900.jpg")
    stored.save(p, quality=70, exif=exif)
    record(p, "JPEG RGB stored on its side, EXIF orientation 6")

    # 20. WebP, lossy: a market street at dusk.
    img = vgradient(900, 600, (40, 50, 90), (200, 120, 90))
    skyline(img, rng, 600, (30, 30, 45), 14, 150, 420)
    img = bokeh(img, rng, 40, 8, 30, [(255, 200, 120), (255, 150, 150), (150, 200, 255)])
    p = out(904, "market-dusk-900x600.webp")
    img.save(p, "WEBP", quality=60, method=6)
    record(p, "WebP lossy")

    # 21. GIF with two frames: only the first (a small bar chart) is the
    # picture; the second, a red block drawn over part of it, must not be
    # printed.
    first = bar_chart(480, 320, [rng.randint(20, 100) for _ in range(6)], [(27, 79, 140)])
    first = first.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    second = first.convert("RGB")
    ImageDraw.Draw(second).rectangle([100, 80, 380, 240], fill=(220, 30, 30))
    second = second.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    p = out(904, "bars-anim-480x320.gif")
    first.save(p, save_all=True, append_images=[second], duration=800, loop=0)
    record(p, "GIF, two frames (the first is printed)")

    # 22. SVG, written as text: a network of nodes on a gradient, with a
    # stroked path, transparency and one label (set in the bundled face).
    nodes = [(rng.randint(60, 740), rng.randint(60, 380)) for _ in range(9)]
    edges = "".join(
        f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>'
        for i, a in enumerate(nodes) for b in nodes[i + 1:i + 3]
    )
    dots = "".join(
        f'<circle cx="{x}" cy="{y}" r="{18 + (x * y) % 14}"/>' for x, y in nodes
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="440" viewBox="0 0 800 440">'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" stop-color="#eaf1fb"/><stop offset="1" stop-color="#c9d9ef"/>'
        '</linearGradient></defs>'
        '<rect width="800" height="440" fill="url(#g)"/>'
        f'<g stroke="#1b4f8c" stroke-width="4" stroke-opacity="0.6">{edges}</g>'
        f'<g fill="#e8803c" stroke="#ffffff" stroke-width="3">{dots}</g>'
        '<path d="M40 410 C 240 330, 520 470, 760 380" fill="none" stroke="#c82828" '
        'stroke-width="6" stroke-dasharray="14 8"/>'
        '<text x="40" y="40" font-family="sans-serif" font-size="28" fill="#1b4f8c">2023</text>'
        "</svg>\n"
    )
    p = out(904, "network-800x440.svg")
    with open(p, "w") as f:
        f.write(svg)
    record(p, "SVG, vectors with a gradient and a label")


def picture_fixtures():
    """Two tiny CMYK JPEGs for tests/pictures.rs: cyan on the left, red
    (magenta + yellow) on the right; one as Adobe writes it, one plain (no
    APP14 marker, values not inverted), which `image` cannot encode."""
    d = os.path.join(HERE, "..", "fixtures", "pictures")
    os.makedirs(d, exist_ok=True)
    cyan, red = (255, 0, 0, 0), (0, 255, 255, 0)
    img = Image.new("CMYK", (16, 8), cyan)
    img.paste(red, (8, 0, 16, 8))
    p = os.path.join(d, "cmyk-adobe-16x8.jpg")
    img.save(p, quality=95)
    record(p, "JPEG CMYK, Adobe marker, inverted")
    # Pillow inverts what it writes: give it inverted inks, then drop the
    # APP14 segment (FF EE, right after SOI) that says so.
    inv = Image.new("CMYK", (16, 8), tuple(255 - v for v in cyan))
    inv.paste(tuple(255 - v for v in red), (8, 0, 16, 8))
    p = os.path.join(d, "cmyk-plain-16x8.jpg")
    inv.save(p, quality=95)
    data = open(p, "rb").read()
    assert data[2:4] == b"\xff\xee", "APP14 right after SOI"
    length = struct.unpack(">H", data[4:6])[0]
    with open(p, "wb") as f:
        f.write(data[:2] + data[4 + length:])
    record(p, "JPEG CMYK, no Adobe marker, not inverted")


if __name__ == "__main__":
    issue_901()
    issue_902()
    issue_904()
    issue_904_kinds()
    picture_fixtures()
    issue_905()
    issue_906()
    total = 0
    for path, desc in written:
        size = os.path.getsize(path)
        total += size
        if path.endswith(".svg"):
            info = "SVG"
        else:
            with Image.open(path) as im:
                info = f"{im.mode:5} {im.width}x{im.height}"
        print(f"{os.path.relpath(path, HERE):55} {info:18} {size:8,d} B  {desc}")
    print(f"{len(written)} pictures, {total:,d} bytes")
