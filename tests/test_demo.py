"""The CNN demo (``python -m pytfjs.demo_cnn``): its training function, shortened, still learns
the digits, frees its tensors, and the plotting helper fails clearly without matplotlib."""
from __future__ import annotations

import importlib.util

import pytest

import pytfjs
from pytfjs.data.digits import N_SAMPLES, load_digits
from pytfjs.demo_cnn import split_digits, train_digits_cnn


def test_digits_data():
    images, labels = load_digits()
    assert len(images) == len(labels) == N_SAMPLES
    assert {len(img) for img in images} == {64}
    assert min(min(img) for img in images) == 0 and max(max(img) for img in images) == 16
    assert sorted(set(labels)) == list(range(10))
    # first row of sklearn's digits.csv.gz (a zero)
    assert images[0][:16] == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0] and labels[0] == 0


def test_split_is_stratified_and_disjoint():
    tx, ty, vx, vy = split_digits(seed=0)
    assert len(ty) + len(vy) == N_SAMPLES
    assert 350 <= len(vy) <= 370
    assert all(30 <= vy.count(c) <= 40 for c in range(10))


def test_demo_training_learns_the_digits():
    before = pytfjs.memory()["num_tensors"]
    r = train_digits_cnn(epochs=3, verbose=0)
    assert r["test_accuracy"] > 0.8
    assert r["history"].history["loss"][-1] < r["history"].history["loss"][0]
    assert len(set(r["tensors_per_epoch"])) == 1  # memory flat across epochs
    assert pytfjs.memory()["num_tensors"] == before  # everything freed


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is not None,
                    reason="matplotlib is installed")
def test_plot_history_without_matplotlib_is_a_clear_error(tmp_path):
    from pytfjs.vis import MissingMatplotlibError, plot_history
    with pytest.raises(MissingMatplotlibError, match="pip install matplotlib"):
        plot_history({"loss": [1.0, 0.5]}, str(tmp_path / "h.png"))


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="needs matplotlib")
def test_plot_history_writes_a_png(tmp_path):
    from pytfjs.vis import plot_history
    path = plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.8]},
                        str(tmp_path / "sub" / "h.png"))
    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(KeyError, match="no metric"):
        plot_history({"loss": [1.0]}, str(tmp_path / "x.png"), metrics=["auc"])
