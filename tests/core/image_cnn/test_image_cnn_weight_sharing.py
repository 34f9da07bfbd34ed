"""One shared kernel weight's gradient as a sum of input pixel × δ, one term per output position."""

import numpy as np
import pytest

from core.image_cnn import ImageCNN, weight_sharing_terms

NET = ["conv:3:3:2:1", "tanh", "conv:2:2:1:1", "relu", "maxpool:2:1", "dense:3"]


@pytest.mark.parametrize(("weight", "index"), [("conv1.W", (0, 0, 0, 0)), ("conv1.W", (2, 1, 2, 1)),
                                               ("conv2.W", (1, 1, 0, 2)), ("conv2.W", (0, 0, 1, 0))])
def test_terms_sum_to_the_gradient_for_one_image(weight, index):
    model = ImageCNN((7, 7, 2), NET, seed=1)
    model.theta[:] = np.random.default_rng(0).normal(0, 0.5, model.n_params)
    x = np.random.default_rng(1).random((7, 7, 2))
    terms = weight_sharing_terms(model, x, 2, weight, index)
    spec = model.layer_spec(weight.split(".")[0])
    ho, wo = spec.out_shape[:2]
    assert len(terms) == ho * wo
    assert [t.out_pos for t in terms] == [(r, q) for r in range(ho) for q in range(wo)]
    grad = model.gradients(x[None], [2])[weight][index]
    assert sum(t.product for t in terms) == pytest.approx(grad, rel=1e-12, abs=1e-15)
    for t in terms:
        assert t.product == t.input_value * t.delta
        r, q = t.out_pos
        assert t.in_pos == (r * spec.s + index[1] - spec.p, q * spec.s + index[2] - spec.p)
        if t.padding:
            assert t.input_value == 0.0
    if weight == "conv1.W":  # the first layer's input is the image itself
        k, i, j, c = index
        for t in terms:
            if not t.padding:
                assert t.input_value == x[t.in_pos[0], t.in_pos[1], c]
    assert any(t.padding for t in terms)


def test_the_chapter_sum_in_one_row():
    """The chapter's five inputs as the middle row of a 3×5 image: the kernel's middle-left weight
    sees I1, I2, I3 at the three output positions, so ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11."""
    model = ImageCNN((3, 5), ["conv:1:3", "sigmoid", "dense:2"], seed=0)
    x = np.zeros((3, 5))
    x[1] = [0.1, 0.2, 0.3, 0.4, 0.5]
    terms = weight_sharing_terms(model, x, 1, "conv1.W", (0, 1, 0, 0))
    assert [t.input_value for t in terms] == [0.1, 0.2, 0.3]
    assert [t.in_pos for t in terms] == [(1, 0), (1, 1), (1, 2)]
    grad = model.gradients(x[None], [1])["conv1.W"][0, 1, 0, 0]
    assert sum(t.input_value * t.delta for t in terms) == pytest.approx(grad, rel=1e-12)


def test_bad_requests_are_refused():
    model = ImageCNN((7, 7, 2), NET)
    x = np.zeros((7, 7, 2))
    with pytest.raises(ValueError, match="conv1.W, conv2.W"):
        weight_sharing_terms(model, x, 0, "dense1.W")
    with pytest.raises(ValueError, match="index"):
        weight_sharing_terms(model, x, 0, "conv1.W", (3, 0, 0, 0))
    with pytest.raises(ValueError, match="label"):
        weight_sharing_terms(model, x, 7)
