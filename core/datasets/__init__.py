"""Data sets: the chapter's experiments and synthetic 1D images, and 1D data sets in CSV files."""

from core.datasets.chapter import (
    CHAPTER_DATA_SEED,
    CHAPTER_SAMPLE,
    chapter_dataset,
    experiment1,
    slope_classes,
    synthetic_dataset,
    three_class_dataset,
)
from core.datasets.csv_files import MAX_CSV_ROWS, DataError, load_dataset_csv, save_dataset_csv

__all__ = [
    "CHAPTER_DATA_SEED",
    "CHAPTER_SAMPLE",
    "MAX_CSV_ROWS",
    "DataError",
    "chapter_dataset",
    "experiment1",
    "load_dataset_csv",
    "save_dataset_csv",
    "slope_classes",
    "synthetic_dataset",
    "three_class_dataset",
]
