"""Image loading: samples, formats and bit depths, alpha, and every way a file can be bad."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from gui.image_lab.image_io import (
    ImageLoadError,
    image_size,
    load_image,
    qimage_to_array,
    save_npy,
    save_png,
    tile_maps,
)

IMAGES = Path(__file__).resolve().parents[3] / "resources" / "images"


# ----------------------------------------------------------------------------- helpers


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_bomb(path: Path, side: int = 30000) -> None:
    """A valid side×side 1-bit greyscale PNG of zeros: ~100 kB on disk, 900 MB decoded (8-bit)."""
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed bits
    comp = zlib.compressobj(9)
    chunks = [comp.compress(row * 1000) for _ in range(side // 1000)]
    chunks.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
                     + png_chunk(b"IDAT", b"".join(chunks)) + png_chunk(b"IEND", b""))


def qimage_from(array: np.ndarray, fmt: QImage.Format) -> QImage:
    """A QImage holding a copy of ``array`` (rows contiguous) in format ``fmt``."""
    a = np.ascontiguousarray(array)
    h, w = a.shape[:2]
    return QImage(a.data, w, h, a.strides[0], fmt).copy()


# ----------------------------------------------------------------------------- samples


@pytest.mark.parametrize("name, shape", [
    ("brick.png", (512, 512)), ("camera.png", (512, 512)), ("chelsea.png", (300, 451, 3)),
])
def test_samples_load_with_shape_and_range(name, shape):
    img = load_image(IMAGES / name)
    assert img.array.shape == shape
    assert img.array.dtype == np.float32
    assert 0.0 <= img.array.min() < img.array.max() <= 1.0
    assert img.original_size == shape[:2]
    assert not img.had_alpha
    assert image_size(IMAGES / name) == shape[:2]


# ----------------------------------------------------------------------------- bad files


def test_truncated_png_is_refused_naming_the_file(tmp_path):
    data = (IMAGES / "brick.png").read_bytes()
    bad = tmp_path / "half.png"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageLoadError, match=r"half\.png.*(damaged|cut short)"):
        load_image(bad)


def test_empty_file_is_refused(tmp_path):
    bad = tmp_path / "empty.png"
    bad.write_bytes(b"")
    with pytest.raises(ImageLoadError, match=r"empty\.png.*empty"):
        load_image(bad)


def test_text_file_named_png_is_refused(tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("this is not a picture\n")
    with pytest.raises(ImageLoadError, match=r"notes\.png.*not an image"):
        load_image(bad)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ImageLoadError, match=r"nothere\.png.*no such file"):
        load_image(tmp_path / "nothere.png")
    with pytest.raises(ImageLoadError, match="folder"):
        load_image(tmp_path)


@pytest.mark.timeout(60)
def test_decompression_bomb_is_refused_fast_from_the_header(tmp_path):
    bomb = tmp_path / "bomb.png"
    write_bomb(bomb)
    assert bomb.stat().st_size < 1_000_000
    assert image_size(bomb) == (30000, 30000)
    t0 = time.perf_counter()
    with pytest.raises(ImageLoadError, match=r"bomb\.png.*30000×30000.*megapixels"):
        load_image(bomb)
    assert time.perf_counter() - t0 < 0.5  # refused before any pixel was decoded


def test_pixel_limit_is_a_parameter(tmp_path):
    path = tmp_path / "wide.png"
    wide = QImage(2000, 600, QImage.Format.Format_Grayscale8)
    wide.fill(QColor(90, 90, 90))
    assert wide.save(str(path))
    with pytest.raises(ImageLoadError, match="megapixels"):
        load_image(path, max_pixels=1_000_000)
    assert load_image(path).array.shape == (600, 2000)


def test_truncated_jpeg_loads_with_a_note(tmp_path):
    full = tmp_path / "cat.jpg"
    assert QImage(str(IMAGES / "chelsea.png")).save(str(full), "JPEG")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    img = load_image(cut)
    assert img.array.shape == (300, 451, 3)
    assert "damaged or cut short" in img.note


# ----------------------------------------------------------------------------- formats


def test_16bit_greyscale_keeps_its_precision(tmp_path):
    ramp = (np.arange(64 * 64, dtype=np.uint32).reshape(64, 64) * 13 + 1).astype(np.uint16)
    path = tmp_path / "deep.png"
    assert qimage_from(ramp, QImage.Format.Format_Grayscale16).save(str(path))
    img = load_image(path)
    assert img.array.shape == (64, 64)
    np.testing.assert_allclose(img.array, ramp / 65535, atol=1e-7)
    assert len(np.unique(img.array)) == 4096  # an 8-bit path would merge neighbours
    assert "16-bit" in img.note


def test_16bit_colour_keeps_its_precision(tmp_path):
    rng = np.random.default_rng(1)
    rgba = rng.integers(0, 65536, (16, 20, 4), dtype=np.uint16)
    rgba[..., 3] = 65535
    path = tmp_path / "deep_rgb.png"
    assert qimage_from(rgba, QImage.Format.Format_RGBX64).save(str(path))
    img = load_image(path)
    assert img.array.shape == (16, 20, 3)
    np.testing.assert_allclose(img.array, rgba[..., :3] / 65535, atol=1e-7)


def test_palette_images(tmp_path):
    idx = np.array([[0, 1], [2, 1]], dtype=np.uint8)
    colour = qimage_from(idx, QImage.Format.Format_Indexed8)
    colour.setColorTable([QColor(255, 0, 0).rgb(), QColor(0, 255, 0).rgb(),
                          QColor(0, 0, 255).rgb()])
    path = tmp_path / "pal.png"
    assert colour.save(str(path))
    img = load_image(path)
    assert img.array.shape == (2, 2, 3)
    np.testing.assert_allclose(img.array[0, 0], [1, 0, 0])
    np.testing.assert_allclose(img.array[1, 0], [0, 0, 1])

    grey = qimage_from(idx, QImage.Format.Format_Indexed8)
    grey.setColorTable([QColor(g, g, g).rgb() for g in (0, 128, 255)])
    assert grey.save(str(tmp_path / "pal_grey.png"))
    img = load_image(tmp_path / "pal_grey.png")
    assert img.array.shape == (2, 2)
    np.testing.assert_allclose(img.array, [[0, 128 / 255], [1, 128 / 255]], atol=1e-6)


def test_alpha_is_composited_on_white(tmp_path):
    rgba = np.zeros((2, 3, 4), dtype=np.uint8)  # RGBA8888 byte order
    rgba[0, 0] = (0, 0, 0, 0)  # fully transparent black → white
    rgba[0, 1] = (255, 0, 0, 255)  # opaque red stays red
    rgba[0, 2] = (255, 0, 0, 128)  # half-transparent red → pink
    rgba[1, :] = (0, 0, 255, 255)
    path = tmp_path / "alpha.png"
    assert qimage_from(rgba, QImage.Format.Format_RGBA8888).save(str(path))
    img = load_image(path)
    assert img.had_alpha
    assert "composited on white" in img.note
    np.testing.assert_allclose(img.array[0, 0], [1, 1, 1])
    np.testing.assert_allclose(img.array[0, 1], [1, 0, 0])
    a = 128 / 255
    np.testing.assert_allclose(img.array[0, 2], [1, 1 - a, 1 - a], atol=1e-6)


def test_grey_file_and_colour_file_with_equal_channels_give_2d(tmp_path):
    g = (np.arange(30, dtype=np.uint8).reshape(5, 6) * 8)
    assert qimage_from(g, QImage.Format.Format_Grayscale8).save(str(tmp_path / "g.png"))
    np.testing.assert_allclose(load_image(tmp_path / "g.png").array, g / 255, atol=1e-7)
    rgb = np.repeat(g[..., None], 3, axis=2)
    assert qimage_from(rgb, QImage.Format.Format_RGB888).save(str(tmp_path / "rgb.bmp"))
    img = load_image(tmp_path / "rgb.bmp")
    assert img.array.shape == (5, 6)
    np.testing.assert_allclose(img.array, g / 255, atol=1e-7)


@pytest.mark.parametrize("fmt", ["BMP", "JPEG", "TIFF", "WEBP"])
def test_other_formats_load(tmp_path, fmt):
    path = tmp_path / f"cat.{fmt.lower()}"
    assert QImage(str(IMAGES / "chelsea.png")).save(str(path), fmt)
    assert load_image(path).array.shape == (300, 451, 3)


def test_gif_first_frame(tmp_path):
    # A hand-made 1×1 GIF with two frames: white (palette index 0), then black (index 1).
    header = bytes.fromhex("474946383961" "0100" "0100" "80" "00" "00" "ffffff" "000000")
    frame = bytes.fromhex("2c" "0000" "0000" "0100" "0100" "00")
    white = frame + bytes.fromhex("02" "02" "4401" "00")  # LZW codes: clear, 0, end
    black = frame + bytes.fromhex("02" "02" "4c01" "00")  # LZW codes: clear, 1, end
    path = tmp_path / "blink.gif"
    path.write_bytes(header + white + black + b"\x3b")
    img = load_image(path)
    assert img.array.shape == (1, 1)
    assert img.array[0, 0] == pytest.approx(1.0)


def test_cmyk_is_converted_to_rgb():
    cmyk = np.zeros((1, 2, 4), dtype=np.uint8)
    cmyk[0, 0] = (0, 255, 255, 0)  # magenta + yellow = red
    cmyk[0, 1] = (0, 0, 0, 255)  # key = black
    arr, notes, had_alpha = qimage_to_array(qimage_from(cmyk, QImage.Format.Format_CMYK8888))
    assert arr.shape == (1, 2, 3)
    np.testing.assert_allclose(arr[0, 0], [1, 0, 0], atol=0.02)
    np.testing.assert_allclose(arr[0, 1], [0, 0, 0], atol=0.02)
    assert any("CMYK" in n for n in notes)
    assert not had_alpha


def test_max_side_downscales_keeping_the_aspect_ratio(tmp_path):
    path = tmp_path / "wide.png"
    wide = QImage(600, 300, QImage.Format.Format_RGB32)
    wide.fill(QColor(200, 100, 50))
    assert wide.save(str(path))
    img = load_image(path, max_side=100)
    assert img.array.shape == (50, 100, 3)
    np.testing.assert_allclose(img.array[25, 50], [200 / 255, 100 / 255, 50 / 255], atol=1e-6)
    assert img.original_size == (300, 600)
    assert "downscaled from 600×300 to 100×50" in img.note.lower()


# ----------------------------------------------------------------------------- saving


def test_save_png_normalises_min_to_black_and_max_to_white(tmp_path):
    m = np.array([[-2.0, 0.0], [1.0, 6.0]], dtype=np.float32)
    save_png(m, tmp_path / "m.png")
    back = QImage(str(tmp_path / "m.png"))
    assert (back.width(), back.height()) == (2, 2)
    assert [QColor(back.pixel(x, y)).red() for y in range(2) for x in range(2)] == [0, 64, 96, 255]
    save_png(np.full((2, 2), 3.0), tmp_path / "flat.png")
    assert QColor(QImage(str(tmp_path / "flat.png")).pixel(0, 0)).red() == 128
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flat.png", "m.png"]  # no temp files


def test_save_npy_round_trips_and_tile_maps_lays_maps_side_by_side(tmp_path):
    maps = np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2)
    save_npy(maps, tmp_path / "m.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "m.npy"), maps)
    tiled = tile_maps(maps, gap=1)
    assert tiled.shape == (2, 7)
    np.testing.assert_array_equal(tiled[:, :3], maps[..., 0])
    np.testing.assert_array_equal(tiled[:, 4:], maps[..., 1])
