"""A small 2D CNN that learns from images, in NumPy: the engine behind the "CNN on images" tab.

    from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X, y)
    model = ImageCNN((8, 8), ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"], seed=0)
    trainer = ImageTrainer(model, X_tr, y_tr, X_val, y_val, optimizer="adam", lr=0.01)
    trainer.run(15)            # history["val_acc"][-1] ≈ 0.98

Never imports Qt. Layers are typed as strings (``spec.py`` holds the rules and their
messages). Conventions a view can rely on:

* parameters: ``model.param_names`` ("conv1.W", "conv1.b", …, "dense1.W", …); conv W is
  ``(N, K, K, C_in)`` (``core.image_ops.conv2d``'s kernel stack), dense W ``(n_in, n_out)``
  with rows in (H, W, C) order; ``model.params[name]`` are writable views of ``model.theta``;
* ``history["train_loss"]`` … per epoch (``history["epoch"]`` = 1, 2, …); the snapshot for
  epoch e is the parameters AFTER e epochs (0: the initialisation), the state in which that
  epoch's validation was measured; ``trainer.model_at(e)`` rebuilds it;
* ``trainer.state()`` is plain values and NumPy arrays; ``ImageTrainer.from_state(state, X, y,
  X_val, y_val)`` resumes it bit for bit.
"""

from core.image_cnn.digits import (
    DIGIT_CLASSES,
    DIGITS_CREDIT,
    ImageDataset,
    dataset_from_images,
    digits,
    folder_dataset_summary,
    skipped_files_warning,
    train_val_split,
)
from core.image_cnn.history import METRICS, ImageHistory
from core.image_cnn.model import ImageCNN
from core.image_cnn.spec import LayerSpec, output_size, parse_layers
from core.image_cnn.trainer import ImageTrainer
from core.image_cnn.weight_sharing import SharingTerm, weight_sharing_terms

__all__ = [
    "DIGITS_CREDIT",
    "DIGIT_CLASSES",
    "METRICS",
    "ImageCNN",
    "ImageDataset",
    "ImageHistory",
    "ImageTrainer",
    "LayerSpec",
    "SharingTerm",
    "dataset_from_images",
    "digits",
    "folder_dataset_summary",
    "output_size",
    "parse_layers",
    "skipped_files_warning",
    "train_val_split",
    "weight_sharing_terms",
]
