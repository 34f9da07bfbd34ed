"""Fuzzing workspace files: whatever is done to a valid file, the loader either gives a sound
trainer or refuses with one sentence — never another exception, never a warning.

550 cases a run (300 structure-aware mutations: manifest values, arrays, zip headers; 250
raw byte edits, half with the CRCs fixed so the edits reach the content), drawn from four
valid runs (every optimiser and mode, dropout, mid-epoch, softmax with two kernels).
Derandomised in CI by the ``ci`` profile of tests/conftest.py.
"""

import warnings

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.workspace import WorkspaceError, load_workspace
from tests.support.workspace_corpus import (
    BASES,
    base_files,
    byte_mutation,
    structural_mutation,
    validate_loaded,
)

NAMES = sorted(BASES) + [f"{n} (stored)" for n in sorted(BASES)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def outcome(path) -> str:
    """'refused' or 'loaded'; anything else (another exception, a warning, an unsound trainer) fails."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            ws = load_workspace(path)
        except WorkspaceError as exc:
            msg = str(exc)
            assert msg.startswith(f"{path}: ") and len(msg) > len(str(path)) + 8, msg
            assert "\n" not in msg and "unexpected" not in msg, msg
            return "refused"
    validate_loaded(ws.trainer)
    return "loaded"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False), base=st.sampled_from(NAMES))
def test_structural_mutations_load_soundly_or_are_refused(folder, rnd, base):
    p = folder / "structural.cnnviz"
    p.write_bytes(structural_mutation(rnd, base_files(str(folder))[base]))
    event(outcome(p))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False), base=st.sampled_from(NAMES))
def test_byte_mutations_load_soundly_or_are_refused(folder, rnd, base):
    p = folder / "bytes.cnnviz"
    p.write_bytes(byte_mutation(rnd, base_files(str(folder))[base]))
    event(outcome(p))


@pytest.mark.parametrize("base", NAMES)
def test_the_unmutated_bases_load(folder, base):
    p = folder / "base.cnnviz"
    p.write_bytes(base_files(str(folder))[base])
    assert outcome(p) == "loaded"
