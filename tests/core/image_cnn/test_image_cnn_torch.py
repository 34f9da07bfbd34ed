"""Cross-check against PyTorch (float64) where it is installed: forward, gradients, Adam steps.

PyTorch is not a project dependency; without it these tests are skipped. They pin the
conventions a learner would compare with: the (H, W, C) flatten order, max pooling's
first-maximum rule on the digits' tied blank pixels, and Adam's update.
"""

import numpy as np
import pytest

from core.image_cnn import ImageCNN, ImageTrainer, digits

torch = pytest.importorskip("torch")

LAYERS = ["conv:8:3:1:1", "relu", "maxpool:2", "conv:6:3:2:1", "tanh", "dense:12", "sigmoid", "dense:10"]


def torch_copy(model: ImageCNN):
    """The same network in PyTorch, channels first, with the model's parameters."""
    nn = torch.nn
    conv1, conv2 = nn.Conv2d(1, 8, 3, padding=1), nn.Conv2d(8, 6, 3, stride=2, padding=1)
    dense1, dense2 = nn.Linear(6 * 2 * 2, 12), nn.Linear(12, 10)
    net = nn.Sequential(conv1, nn.ReLU(), nn.MaxPool2d(2), conv2, nn.Tanh(), nn.Flatten(), dense1,
                        nn.Sigmoid(), dense2).double()
    p = model.params
    with torch.no_grad():
        conv1.weight.copy_(torch.tensor(p["conv1.W"].transpose(0, 3, 1, 2)))
        conv1.bias.copy_(torch.tensor(p["conv1.b"]))
        conv2.weight.copy_(torch.tensor(p["conv2.W"].transpose(0, 3, 1, 2)))
        conv2.bias.copy_(torch.tensor(p["conv2.b"]))
        # our dense rows run over (H, W, C); PyTorch's Flatten over (C, H, W)
        w = p["dense1.W"].reshape(2, 2, 6, 12).transpose(2, 0, 1, 3).reshape(24, 12)
        dense1.weight.copy_(torch.tensor(w.T))
        dense1.bias.copy_(torch.tensor(p["dense1.b"]))
        dense2.weight.copy_(torch.tensor(p["dense2.W"].T))
        dense2.bias.copy_(torch.tensor(p["dense2.b"]))
    return net, (conv1, conv2, dense1, dense2)


def test_forward_and_gradients_match_pytorch_on_digits():
    X, y = digits()
    X, y = X[:100], y[:100]
    model = ImageCNN((8, 8), LAYERS, seed=0)
    net, (conv1, conv2, dense1, dense2) = torch_copy(model)
    xt = torch.tensor(X.transpose(0, 3, 1, 2))
    out = net(xt)
    loss = torch.nn.functional.cross_entropy(out, torch.tensor(y))
    loss.backward()
    probs = torch.softmax(out, 1).detach().numpy()
    np.testing.assert_allclose(model.predict(X), probs, rtol=1e-12, atol=1e-14)
    assert model.loss(X, y) == pytest.approx(loss.item(), rel=1e-13)
    g = model.gradients(X, y)
    np.testing.assert_allclose(g["conv1.W"], conv1.weight.grad.numpy().transpose(0, 2, 3, 1), rtol=1e-10,
                               atol=1e-14)
    np.testing.assert_allclose(g["conv1.b"], conv1.bias.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(g["conv2.W"], conv2.weight.grad.numpy().transpose(0, 2, 3, 1), rtol=1e-10,
                               atol=1e-14)
    gw = dense1.weight.grad.numpy().T.reshape(6, 2, 2, 12).transpose(1, 2, 0, 3).reshape(24, 12)
    np.testing.assert_allclose(g["dense1.W"], gw, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(g["dense2.W"], dense2.weight.grad.numpy().T, rtol=1e-10, atol=1e-14)


def test_full_batch_adam_matches_pytorch():
    X, y = digits()
    X, y = X[:64], y[:64]
    model = ImageCNN((8, 8), LAYERS, seed=1)
    net, _ = torch_copy(model)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    trainer = ImageTrainer(model, X, y, optimizer="adam", lr=0.01, batch_size=64)
    xt, yt = torch.tensor(X.transpose(0, 3, 1, 2)), torch.tensor(y)
    for _ in range(5):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(xt), yt).backward()
        opt.step()
        trainer.run(1)
    after, _ = torch_copy(model)
    for ours, theirs in zip(after.parameters(), net.parameters(), strict=True):
        np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-7, atol=1e-10)
