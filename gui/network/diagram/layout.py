"""Where each node, kernel tap and edge of the 1D network sits in the diagram (no Qt).

Computed once per network shape so ``NetworkDiagram.show_snapshot`` only restyles
items. Coordinates: x runs 0 → 1 left to right (inputs, kernel taps, feature map,
outputs); y counts "slots" downward, one slot per kernel tap, so the tap column —
the densest — sets the scale and everything else is spread to match it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column positions. A kernel-weight label sits on its kink between two columns, a λ label
# must fit between two circles on its own edge: the feature-map → output gap is the widest.
X_INPUT = 0.11  # the widget keeps room for input values further left (fit.py)
X_TAP = 0.34
X_FMAP = 0.565
X_BUS = 0.61  # the vertical bias "bus" just right of the feature-map column
X_OUTPUT = 0.86
GROUP_GAP = 0.7  # extra slots between receptive fields
KERNEL_GAP = 1.2  # extra slots between kernels


@dataclass
class NodeSpec:
    """One drawn node: an input, a padding ghost "0", a feature-map node or an output."""

    name: str  # "I1", "C9", "O12", or "pad0"… for padding ghosts
    kind: str  # "input" | "pad" | "fmap" | "output"
    x: float
    y: float
    kernel: int | None = None  # feature-map nodes: which kernel


@dataclass
class TapSpec:
    """One kernel weight at one receptive-field position: the edge src → tap → dst."""

    param: str  # "K6"
    kernel: int  # c
    index: int  # i: which weight of the kernel (sets the chapter's red/blue/green)
    position: int  # j: which feature-map node of the kernel
    src: str  # input node or padding ghost it reads
    dst: str  # feature-map node it feeds
    x: float
    y: float

    @property
    def key(self) -> str:
        """"K6@0": the name ``set_highlight`` and ``edge_tooltip`` use for this one edge."""
        return f"{self.param}@{self.position}"


@dataclass
class DenseSpec:
    """A feature-map → output edge (the chapter's λ9,12)."""

    param: str  # "w9_12"
    src: str
    dst: str


@dataclass
class BiasSpec:
    """A bias box and the nodes it feeds (b_conv → every node of its kernel; b12 → O12)."""

    param: str
    x: float
    y: float
    targets: list[str]
    bus_x: float | None = None  # conv biases reach their nodes along a vertical bus at this x


@dataclass
class Layout:
    """Everything placed; ``slots`` is the y extent, ``tap_slots`` the tap count (for density)."""

    nodes: dict[str, NodeSpec] = field(default_factory=dict)
    taps: list[TapSpec] = field(default_factory=list)
    dense: list[DenseSpec] = field(default_factory=list)
    biases: list[BiasSpec] = field(default_factory=list)
    y_min: float = 0.0
    y_max: float = 1.0
    input_spacing: float = 1.0  # slots between neighbouring input nodes
    fmap_spacing: float = 1.0  # slots between neighbouring feature-map nodes


def pad_names(padding: int) -> tuple[list[str], list[str]]:
    """Names of the ghost "0" inputs above (top) and below (bottom) the real inputs."""
    return [f"pad{i}" for i in range(padding)], [f"pad{padding + i}" for i in range(padding)]


def compute_layout(net) -> Layout:
    """Place the network ``net`` (a ``core.Network``) the way the chapter's figure does."""
    lay = Layout()
    k, nk, npos = net.kernel_size, net.n_kernels, net.n_positions
    top_pads, bottom_pads = pad_names(net.padding)
    column = top_pads + list(net.input_names) + bottom_pads

    # Kernel taps and feature-map nodes, kernel after kernel, one slot per tap.
    y = 0.0
    fmap_y: dict[str, float] = {}
    # room above each kernel's taps for its bias box: more slots when slots are many (thin)
    bias_room = max(1.6, 1.0 + 0.06 * nk * npos * k)
    for c in range(nk):
        bias_y = y
        y += bias_room
        for j in range(npos):
            ys = []
            for i, tap in enumerate(net.taps(c, j)):
                pos = j * net.stride + i - net.padding  # index into the real inputs
                src = tap.input_name if tap.input_name is not None else column[pos + net.padding]
                lay.taps.append(TapSpec(tap.weight_name, c, i, j, src, net.fmap_names[c][j], X_TAP, y))
                ys.append(y)
                y += 1.0
            fmap_y[net.fmap_names[c][j]] = sum(ys) / len(ys)
            y += GROUP_GAP
        y += KERNEL_GAP - GROUP_GAP
        names = net.fmap_names[c]
        lay.biases.append(BiasSpec(net.conv_bias_names[c], X_BUS, bias_y, list(names), bus_x=X_BUS))
    last_tap = lay.taps[-1].y
    for c in range(nk):
        for name in net.fmap_names[c]:
            lay.nodes[name] = NodeSpec(name, "fmap", X_FMAP, fmap_y[name], kernel=c)
    if len(fmap_y) > 1:
        ys = sorted(fmap_y.values())
        lay.fmap_spacing = min(b - a for a, b in zip(ys, ys[1:], strict=False))
    else:
        lay.fmap_spacing = float(k)

    # Inputs (and padding ghosts) spread evenly over the tap column's height.
    n_col = len(column)
    span = last_tap
    step = span / (n_col - 1) if n_col > 1 else 0.0
    lay.input_spacing = step if n_col > 1 else float(k)
    for r, name in enumerate(column):
        kind = "pad" if name.startswith("pad") else "input"
        lay.nodes[name] = NodeSpec(name, kind, X_INPUT, r * step if n_col > 1 else span / 2)

    # Outputs centred, at least 2.8 slots apart so their bias boxes fit above them.
    no = net.n_outputs
    out_step = max(bias_room + 1.2, min(lay.fmap_spacing, span / max(no - 1, 1))) if no > 1 else 0.0
    mid = span / 2
    for o, name in enumerate(net.output_names):
        oy = mid + (o - (no - 1) / 2) * out_step
        lay.nodes[name] = NodeSpec(name, "output", X_OUTPUT, oy)
        lay.biases.append(BiasSpec(net.output_bias_names[o], X_OUTPUT, oy - bias_room, [name]))
        for f, cname in enumerate(net.fmap_flat):
            lay.dense.append(DenseSpec(net.output_weight_names[o][f], cname, name))

    ys = [n.y for n in lay.nodes.values()] + [b.y for b in lay.biases] + [0.0, last_tap]
    lay.y_min, lay.y_max = min(ys), max(ys)  # the widget adds margins in pixels
    return lay


def lit_keys(highlight: set[str], node_names: set[str], edges: list[tuple[str, str, str, str]]) -> set[str]:
    """Which nodes and edges a highlight set lights; ``edges`` are (key, param, src, dst).

    "K6@0" lights that one edge. A plain parameter name lights its edges that join
    highlighted nodes — {"I1", "I2", "I3", "K6", "K7", "K8", "C9"} is exactly C9's
    receptive field — or all of its edges when the set names no node. Padding
    ghosts light with the edges they feed.
    """
    nodes = highlight & node_names
    lit = set(nodes)
    for key, param, src, dst in edges:
        ends_lit = dst in highlight and (src in highlight or src == param or src.startswith("pad"))
        if key in highlight or (param in highlight and (not nodes or ends_lit)):
            lit.add(key)
            if src.startswith("pad"):
                lit.add(src)
    return lit
