"""The image sizes the app accepts, in one Qt-free place (the CLI's help text reads them too)."""

MAX_PIXELS = 64 * 2**20  # 64 megapixels (8192 × 8192): the hard limit, checked from the header
LARGE_SIDE = 4096  # above this many pixels on a side the GUI offers to downscale
BYTES_PER_PIXEL_WORST = 8  # RGBA64, the widest format we ask Qt to decode into
