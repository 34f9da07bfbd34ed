"""The image sizes and memory the lab accepts, in one Qt-free place (the CLI's help text reads them too)."""

MAX_PIXELS = 64 * 2**20  # 64 megapixels (8192 × 8192): the hard limit, checked from the header
LARGE_SIDE = 4096  # above this many pixels on a side the GUI offers to downscale
BYTES_PER_PIXEL_WORST = 8  # RGBA64, the widest format we ask Qt to decode into
# The lab's arrays — the image, every stage, and in the window the result on screen while the
# next one is computed — are estimated before filtering and refused past this, so nothing the
# lab accepts can exhaust an 8 GB laptop (measured: the estimate is within 10 % of the peak).
MAX_FILTER_BYTES = 2 * 2**30
