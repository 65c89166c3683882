"""Draw the program icon (resources/icons/itplan.png and .ico) with Pillow."""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=44, fill=(18, 84, 160))
    bars = [(52, 150), (100, 112), (148, 80), (196, 52)]
    for x, top in bars:
        pen.rectangle((x - 18, top, x + 18, 206), fill=(255, 255, 255))
    pen.line((34, 120, 222, 44), fill=(255, 196, 0), width=12)  # the target line
    return image


def main() -> None:
    folder = ROOT / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(folder / "itplan.png")
    image.save(folder / "itplan.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                              (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
