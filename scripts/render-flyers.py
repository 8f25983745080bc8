#!/usr/bin/env python3
"""Renders the sample flyer photos in corpus/samples/flyer-*.png for the OCR tests.

Usage:  pip install pillow && python3 scripts/render-flyers.py [OUTPUT_DIR]
        (OUTPUT_DIR defaults to corpus/samples next to this script's folder)
        python3 scripts/render-flyers.py --text NAME   prints the source text of flyer NAME
                                                       (scam or antifraud), for accuracy checks

Every text below is the project's own (written for Fangfei; no third-party text or images). The
script is deterministic: a fixed random seed, the Noto Sans CJK SC fonts of the fonts-noto-cjk
package (/usr/share/fonts/opentype/noto/), and Pillow's own drawing. CI does not run it; the PNGs
are committed. Re-running it with the same Pillow and fonts gives the same pixels.

Images (grayscale or palette PNGs, about 900 px wide, each well under 150 KB):
  flyer-scam-clean.png           the scam flyer, black on white, straight
  flyer-scam-tilted-noisy.png    the same, rotated 3.5 degrees, slightly soft, with speckle noise
  flyer-scam-colour.png          the same on a yellow background, red text, a red title band with
                                 light text (saved as a 16-colour palette PNG)
  flyer-scam-uneven-light.png    the same photographed under a lamp: bright top left, dark bottom
                                 right (background from about 245 down to about 70) and a shadow
  flyer-scam-blurry.png          the same, small and out of focus: a person can guess at it, OCR
                                 reads garbage at low confidence (the retake path)
  flyer-antifraud-clean.png      an anti-fraud poster that quotes the scam slogans (must stay clean)
"""

import os
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/opentype/noto"
REGULAR = os.path.join(FONT_DIR, "NotoSansCJK-Regular.ttc")
BOLD = os.path.join(FONT_DIR, "NotoSansCJK-Bold.ttc")
SC = 2  # index of "Noto Sans CJK SC" in the .ttc collections

WIDTH = 900
MARGIN = 50

# Each flyer: (style, text) lines; style is "title", "sub", "body" or "small".
SCAM = [
    ("title", "【鑫盛共享充电宝】城市合伙人火热招募"),
    ("sub", "响应国家乡村振兴政策 · 政府扶持 · 国资背景"),
    ("body", "投资一台共享充电宝只需3980元，年化收益高达18%"),
    ("body", "保本保息，稳赚不赔，每月15日准时返利到卡"),
    ("body", "合同到期公司原价回购，本金安全零风险"),
    ("body", "推荐一位朋友加盟，奖励现金500元"),
    ("body", "团队满10人升级区域代理，享三级分润"),
    ("body", "本期名额有限，今晚24点截止，先到先得！"),
    ("small", "加微信私聊，咨询热线：139-0000-0000（王经理）"),
]

ANTIFRAUD = [
    ("title", "守好钱袋子，远离非法集资"),
    ("sub", "社区网格员提醒：这些话都是骗子的套路"),
    ("body", "“年化收益18%”“保本保息”“稳赚不赔”"),
    ("body", "“政府扶持”“国资背景”“到期回购”"),
    ("body", "“推荐一人奖励500元”“名额有限”"),
    ("body", "高额回报是诱饵，保本承诺是陷阱。"),
    ("body", "投资前先查资质，不听不信不参与。"),
    ("small", "发现可疑宣传，请拨打110或联系社区网格员"),
]

FLYERS = {"scam": SCAM, "antifraud": ANTIFRAUD}

SIZES = {"title": 40, "sub": 28, "body": 31, "small": 26}


def font(style):
    path = BOLD if style == "title" else REGULAR
    return ImageFont.truetype(path, SIZES[style], index=SC)


def layout(lines):
    """The (style, text, y) of each line and the page height."""
    y = MARGIN
    placed = []
    for style, text in lines:
        placed.append((style, text, y))
        gap = 2.0 if style == "title" else 1.75
        y += int(SIZES[style] * gap)
    return placed, y + MARGIN


def render(lines, ink=0, paper=255, mode="L", title_band=None, title_ink=None):
    """Draws the flyer; title_band (a colour) puts the title in light text on a band."""
    placed, height = layout(lines)
    image = Image.new(mode, (WIDTH, height), paper)
    draw = ImageDraw.Draw(image)
    for style, text, y in placed:
        f = font(style)
        x = (WIDTH - draw.textlength(text, font=f)) / 2 if style in ("title", "sub") else MARGIN
        fill = ink
        if style == "title" and title_band is not None:
            draw.rectangle([0, y - 14, WIDTH, y + SIZES[style] + 24], fill=title_band)
            fill = title_ink
        draw.text((x, y), text, font=f, fill=fill)
    return image


def speckle(image, rng, fraction):
    """Sets a fraction of the pixels to random dark or light grey (dust, sensor noise)."""
    px = image.load()
    w, h = image.size
    for _ in range(int(w * h * fraction)):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.choice((40, 90, 200, 230))
    return image


def tilted_noisy(rng):
    image = render(SCAM, ink=25, paper=238)
    image = image.rotate(3.5, resample=Image.BICUBIC, expand=True, fillcolor=238)
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    image = speckle(image, rng, 0.01)
    return image.quantize(16).convert("L")  # a few grey levels: noisy pixels but a small PNG


def colour():
    image = render(
        SCAM, ink=(165, 20, 25), paper=(252, 232, 160), mode="RGB", title_band=(190, 30, 35),
        title_ink=(255, 236, 120))
    return image.quantize(16)


def uneven_light(rng):
    image = render(SCAM, ink=30, paper=245)
    w, h = image.size
    # A lighting field: 1.0 at the top left falling to about 0.28 at the bottom right, and a soft
    # diagonal shadow (a hand or a phone) across the lower middle.
    light = Image.new("L", (w, h))
    lp = light.load()
    for y in range(h):
        for x in range(w):
            t = (x / w + y / h) / 2
            v = 1.0 - 0.72 * t ** 1.3
            d = (x - w * 0.2) * 0.6 - (y - h * 0.55)
            if -60 < d < 60:
                v *= 0.78
            lp[x, y] = max(0, min(255, int(v * 255)))
    light = light.filter(ImageFilter.GaussianBlur(25))
    out = ImageChops.multiply(image, light).filter(ImageFilter.GaussianBlur(0.6))
    return speckle(out, rng, 0.002).quantize(24).convert("L")


def blurry():
    image = render(SCAM, ink=20, paper=235)
    w, h = image.size
    small = image.resize((w // 2, h // 2), Image.BILINEAR).filter(ImageFilter.GaussianBlur(1.5))
    return small.quantize(16).convert("L")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--text":
        print("\n".join(text for _, text in FLYERS[sys.argv[2]]))
        return
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "..", "corpus", "samples"))
    rng = random.Random(20261129)
    images = {
        "flyer-scam-clean.png": render(SCAM),
        "flyer-scam-tilted-noisy.png": tilted_noisy(rng),
        "flyer-scam-colour.png": colour(),
        "flyer-scam-uneven-light.png": uneven_light(rng),
        "flyer-scam-blurry.png": blurry(),
        "flyer-antifraud-clean.png": render(ANTIFRAUD),
    }
    for name, image in images.items():
        path = os.path.join(out, name)
        image.save(path, optimize=True)
        print(f"{path}: {image.size[0]}x{image.size[1]} {image.mode} {os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    main()
