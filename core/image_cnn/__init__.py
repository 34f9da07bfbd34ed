"""A small 2D CNN that learns from images, in NumPy: the engine behind the "CNN on images" tab.

    from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X, y)
    model = ImageCNN((8, 8), ["conv:8:3:1:1", "relu", "maxpool:2", "dense:10"], seed=0)
    trainer = ImageTrainer(model, X_tr, y_tr, X_val, y_val, optimizer="adam", lr=0.01)
    trainer.run(15)            # history["val_acc"][-1] ≈ 0.98

Never imports Qt. Layers are typed as strings (see ``spec.py`` for the rules).
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
