"""Fuzzing CSV files: any file is either a sound data set or a DataError with one sentence."""

import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.datasets.csv_files import MAX_ABS_VALUE, DataError, load_dataset_csv
from tests.core.datasets.csv_corpus import random_csv


def check(path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            X, y = load_dataset_csv(path)
        except DataError as exc:
            msg = str(exc)
            assert msg.startswith(str(path)) and len(msg) > len(str(path)) + 5 and "\n" not in msg, msg
            return "refused"
    assert X.ndim == 2 and X.shape[0] == y.shape[0] >= 1 and X.shape[1] >= 1
    assert np.isfinite(X).all() and np.isfinite(y).all()
    assert np.abs(X).max() <= MAX_ABS_VALUE and np.abs(y).max() <= MAX_ABS_VALUE
    return "loaded"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rnd=st.randoms(use_true_random=False))
def test_grammar_files_load_soundly_or_are_refused(tmp_path, rnd):
    p = tmp_path / "g.csv"
    p.write_bytes(random_csv(rnd))
    check(p)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_load_soundly_or_are_refused(tmp_path, data):
    p = tmp_path / "b.csv"
    p.write_bytes(data)
    check(p)
