"""The ImageCNN's public face: layer rules, names, shapes, initialisation, stable softmax, data checks."""

import math

import numpy as np
import pytest

from core.image_cnn import ImageCNN

DIGITS_NET = ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"]
LENET = ["conv:6:5:1:2", "relu", "maxpool:2", "conv:16:5", "relu", "maxpool:2",
         "dense:120", "relu", "dense:84", "relu", "dense:10"]


def test_names_shapes_and_views():
    model = ImageCNN((28, 28), LENET, seed=0)
    assert model.param_names == ["conv1.W", "conv1.b", "conv2.W", "conv2.b", "dense1.W", "dense1.b",
                                 "dense2.W", "dense2.b", "dense3.W", "dense3.b"]
    assert model.params["conv1.W"].shape == (6, 5, 5, 1)
    assert model.params["conv2.W"].shape == (16, 5, 5, 6)
    assert model.params["dense1.W"].shape == (400, 120)
    assert model.params["dense3.b"].shape == (10,)
    assert model.output_shapes == [(28, 28, 6), (28, 28, 6), (14, 14, 6), (10, 10, 16), (10, 10, 16),
                                   (5, 5, 16), (120,), (120,), (84,), (84,), (10,)]
    assert model.n_params == 61706 == model.theta.size
    acts = model.activations(np.zeros((28, 28)))
    assert [name for name, _ in acts] == LENET
    assert [a.shape for _, a in acts] == model.output_shapes
    assert acts[-1][1].sum() == pytest.approx(1.0)  # probabilities, not logits


def test_writing_into_params_changes_the_model():
    model = ImageCNN((8, 8), DIGITS_NET, seed=1)
    x = np.random.default_rng(0).random((8, 8))
    before = model.predict(x[None])
    model.params["dense1.b"][3] += 5.0
    assert model.predict(x[None])[0, 3] > before[0, 3]
    model.params["conv1.W"] = np.zeros((8, 3, 3, 1))  # assignment copies into the view
    assert not model.theta[: 72].any()
    with pytest.raises(ValueError, match="shape"):
        model.params["conv1.b"] = np.zeros(3)


def test_dense_after_conv_flattens_channels_last():
    """(H, W, C) order, C fastest: dense row f = (h·W + w)·C + c."""
    model = ImageCNN((2, 3, 2), ["dense:2"], seed=0)
    W = np.zeros((12, 2))
    W[(1 * 3 + 2) * 2 + 1, 1] = 1.0  # picks pixel (h=1, w=2, c=1)
    model.params["dense1.W"] = W
    x = np.zeros((2, 3, 2))
    x[1, 2, 1] = 3.0
    p = model.predict(x[None])[0]
    assert p[1] / p[0] == pytest.approx(math.exp(3.0))


def test_initialisation_he_before_relu_xavier_otherwise_and_reproducible():
    a = ImageCNN((8, 8), ["conv:8:3", "relu", "conv:4:3", "tanh", "dense:10"], seed=5)
    b = ImageCNN((8, 8), ["conv:8:3", "relu", "conv:4:3", "tanh", "dense:10"], seed=5)
    c = ImageCNN((8, 8), ["conv:8:3", "relu", "conv:4:3", "tanh", "dense:10"], seed=6)
    assert np.array_equal(a.theta, b.theta) and not np.array_equal(a.theta, c.theta)
    he = math.sqrt(6 / 9)  # fan_in 3·3·1
    xavier = math.sqrt(6 / (9 * 8 + 9 * 4))  # fan_in 3·3·8, fan_out 4·3·3
    xavier_dense = math.sqrt(6 / (4 * 4 * 4 + 10))
    for name, bound in (("conv1.W", he), ("conv2.W", xavier), ("dense1.W", xavier_dense)):
        w = a.params[name]
        assert np.abs(w).max() <= bound and np.abs(w).max() > 0.8 * bound, name
    assert not a.params["conv1.b"].any() and not a.params["dense1.b"].any()
    # pooling between a conv and its ReLU does not change the choice
    d = ImageCNN((8, 8), ["conv:8:3", "maxpool:2", "leaky_relu", "dense:10"], seed=5)
    assert np.array_equal(d.params["conv1.W"], a.params["conv1.W"])


def test_softmax_cross_entropy_is_finite_and_exact_for_huge_logits():
    model = ImageCNN((1, 1), ["dense:3"], seed=0)
    model.params["dense1.W"] = np.array([[1e4, 0.0, -1e4]])
    x = np.ones((1, 1, 1, 1))
    assert model.loss(x, [0]) == 0.0
    assert model.loss(x, [1]) == 1e4
    assert model.loss(x, [2]) == 2e4
    np.testing.assert_array_equal(model.predict(x), [[1.0, 0.0, 0.0]])
    g = model.gradients(x, [1])["dense1.W"]
    np.testing.assert_array_equal(g, [[1.0, -1.0, 0.0]])
    model.params["dense1.W"] = np.array([[1e4, 1e4 - 1.0, -1e4]])
    assert model.loss(x, [1]) == pytest.approx(1.0 + math.log1p(math.exp(-1.0)), rel=1e-15)
    model.params["dense1.W"] = -model.params["dense1.W"]
    assert math.isfinite(model.loss(x, [0]))


@pytest.mark.parametrize(
    ("shape", "layers", "match"),
    [
        ((8, 8), ["conv:4", "dense:10"], r"layer 1 'conv:4': malformed; conv is written"),
        ((8, 8), ["conv:4:3:1:1:1", "dense:10"], r"layer 1 .*malformed"),
        ((8, 8), ["conv:a:3", "dense:10"], r"layer 1 'conv:a:3': malformed"),
        ((8, 8), ["conv:2.5:3", "dense:10"], r"malformed"),
        ((8, 8), ["conv:0:3", "dense:10"], r"layer 1 'conv:0:3': n must be ≥ 1"),
        ((8, 8), ["conv:4:0", "dense:10"], r"K must be ≥ 1"),
        ((8, 8), ["conv:4:3:0", "dense:10"], r"S must be ≥ 1"),
        ((8, 8), ["conv:4:3:1:-1", "dense:10"], r"P must be ≥ 0"),
        ((8, 8), ["conv:4:11:1:1", "dense:10"], r"layer 1 'conv:4:11:1:1': kernel 11×11 is larger than its "
                                                 r"padded input 10×10"),
        ((8, 8), ["maxpool:9", "dense:10"], r"layer 1 'maxpool:9': pool window 9×9 is larger than its input"),
        ((8, 8), ["conv:2:3", "avgpool:7", "dense:10"], r"layer 2 'avgpool:7': pool window"),
        ((8, 8), ["maxpool:2:0", "dense:10"], r"S must be ≥ 1"),
        ((8, 8), ["maxpool", "dense:10"], r"layer 1 'maxpool': malformed"),
        ((8, 8), ["avgpool:0", "dense:10"], r"K must be ≥ 1"),
        ((8, 8), ["dense:0", "dense:10"], r"layer 1 'dense:0': N must be ≥ 1"),
        ((8, 8), ["dense", "dense:10"], r"malformed; dense is written"),
        ((8, 8), ["dense:10", "relu"], r"layer 2 'relu': the last layer must be 'dense:n_classes'"),
        ((8, 8), ["conv:4:3"], r"last layer must be 'dense"),
        ((8, 8), ["dense:1"], r"needs ≥ 2 outputs"),
        ((8, 8), [], r"layers is empty"),
        ((8, 8), ["dense:5", "conv:2:3", "dense:3"], r"layer 2 'conv:2:3': conv needs an image input"),
        ((8, 8), ["dense:5", "maxpool:2", "dense:3"], r"layer 2 'maxpool:2': maxpool needs an image input"),
        ((8, 8), ["softmax", "dense:10"], r"layer 1 'softmax': unknown layer"),
        ((8, 8), ["relu:2", "dense:10"], r"layer 1 'relu:2': malformed"),
        ((8, 8), ["dropout:1", "dense:10"], r"layer 1 'dropout:1': malformed; dropout is written"),
        ((8, 8), ["dropout:x", "dense:10"], r"dropout"),
        ((8, 8), ["dropout:-0.1", "dense:10"], r"dropout"),
        ((8, 8), [3, "dense:10"], r"layer 1 3: each layer must be a string"),
        ((8,), ["dense:10"], r"input_shape must be \(H, W\) or \(H, W, C\)"),
        ((8, 0), ["dense:10"], r"input_shape"),
        ((8, 8, 1, 1), ["dense:10"], r"input_shape"),
        ((8.5, 8), ["dense:10"], r"input_shape"),
        ("88", ["dense:10"], r"input_shape"),
        ((4000, 4000), ["dense:1000"], r"parameters; at most"),
    ],
)
def test_every_bad_spec_is_refused_with_the_layer_and_the_rule(shape, layers, match):
    with pytest.raises(ValueError, match=match):
        ImageCNN(shape, layers)


def test_bad_seed_is_refused():
    with pytest.raises(ValueError, match="seed"):
        ImageCNN((8, 8), DIGITS_NET, seed=-1)


def test_comma_separated_layers_are_accepted():
    assert ImageCNN((8, 8), "conv:8:3:1:1, relu,maxpool:2,dense:10").layers == DIGITS_NET


def test_bad_data_is_refused():
    model = ImageCNN((8, 8), DIGITS_NET)
    X = np.zeros((3, 8, 8))
    with pytest.raises(ValueError, match=r"X has shape \(3, 8, 9\)"):
        model.predict(np.zeros((3, 8, 9)))
    with pytest.raises(ValueError, match="X has shape"):
        model.predict(np.zeros((3, 8, 8, 3)))
    with pytest.raises(ValueError, match="x has shape"):
        model.activations(np.zeros((7, 8)))
    bad = X.copy()
    bad[1, 2, 3] = np.nan
    with pytest.raises(ValueError, match="non-finite"):
        model.loss(bad, [0, 1, 2])
    bad[1, 2, 3] = np.inf
    with pytest.raises(ValueError, match="non-finite"):
        model.gradients(bad, [0, 1, 2])
    with pytest.raises(ValueError, match=r"labels from 0 to 10; this network's classes are 0 … 9"):
        model.loss(X, [0, 10, 2])
    with pytest.raises(ValueError, match="labels from -1"):
        model.gradients(X, [0, -1, 2])
    with pytest.raises(ValueError, match="one label per image"):
        model.loss(X, [0, 1])
    with pytest.raises(ValueError, match="whole-number"):
        model.loss(X, [0.5, 1, 2])
    with pytest.raises(ValueError, match="no images"):
        model.loss(np.zeros((0, 8, 8)), [])
    assert model.predict(np.zeros((0, 8, 8))).shape == (0, 10)
    assert model.loss(X, np.array([0.0, 1.0, 2.0])) == model.loss(X, [0, 1, 2])


def test_large_batches_are_chunked_with_the_same_result():
    model = ImageCNN((8, 8), DIGITS_NET, seed=2)
    rng = np.random.default_rng(0)
    X, y = rng.random((50, 8, 8)), rng.integers(0, 10, 50)
    whole = model.gradients(X, y)
    loss = model.loss(X, y)
    model._chunk = 7  # force seven-image chunks
    chunked = model.gradients(X, y)
    assert model.loss(X, y) == pytest.approx(loss, rel=1e-14)
    for name in model.param_names:
        np.testing.assert_allclose(chunked[name], whole[name], rtol=1e-12, atol=1e-15)


def test_first_conv_blocks_give_the_same_numbers():
    """The first conv builds im2col a few output rows at a time; block size must not matter."""
    model = ImageCNN((12, 12, 2), ["conv:3:3:2:1", "relu", "conv:4:3", "tanh", "dense:5"], seed=1)
    rng = np.random.default_rng(0)
    X, y = rng.random((6, 12, 12, 2)), rng.integers(0, 5, 6)
    assert not model.ops[0].keep_cols and model.ops[2].keep_cols
    whole_p, whole_g = model.predict(X), model.gradients(X, y)
    model.ops[0].block_bytes = 1  # one output row per block
    assert len(model.ops[0].blocks(6)) == 6
    np.testing.assert_allclose(model.predict(X), whole_p, rtol=1e-13)
    for name, g in model.gradients(X, y).items():
        np.testing.assert_allclose(g, whole_g[name], rtol=1e-12, atol=1e-15)


def test_float32_model_agrees_with_float64():
    layers = ["conv:4:3:1:1", "relu", "maxpool:2", "conv:3:3", "sigmoid", "dense:6", "tanh", "dense:3"]
    a = ImageCNN((9, 9, 3), layers, seed=4)
    b = ImageCNN((9, 9, 3), layers, seed=4, dtype="float32")
    b.theta[:] = a.theta
    rng = np.random.default_rng(1)
    X, y = rng.random((5, 9, 9, 3)), rng.integers(0, 3, 5)
    assert b.predict(X).dtype == np.float32 and b.architecture()["dtype"] == "float32"
    np.testing.assert_allclose(b.predict(X), a.predict(X), rtol=1e-4, atol=1e-6)
    assert b.loss(X, y) == pytest.approx(a.loss(X, y), rel=1e-5)
    for name, g in a.gradients(X, y).items():
        np.testing.assert_allclose(b.gradients(X, y)[name], g, rtol=1e-3, atol=1e-5)
    with pytest.raises(ValueError, match="dtype must be 'float64' or 'float32'"):
        ImageCNN((9, 9), layers, dtype="int32")


def test_copy_is_independent():
    model = ImageCNN((8, 8), DIGITS_NET, seed=2)
    other = model.copy()
    assert np.array_equal(other.theta, model.theta)
    other.params["conv1.b"][0] = 1.0
    assert model.params["conv1.b"][0] == 0.0
    assert ImageCNN(**model.architecture()).layers == model.layers
