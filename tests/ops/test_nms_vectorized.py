"""The vectorised hard NMS of the xp kernels selects exactly what the host reference
(TF.js's nonMaxSuppressionImpl_, pytfjs/backends/python/image.py) selects."""
from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from pytfjs.backends.python.image import non_max_suppression  # noqa: E402
from pytfjs.backends.xp.image import kernels  # noqa: E402

K = kernels(np)


def random_case(rng, n, with_nan=True):  # type: ignore[no-untyped-def]
    centers = rng.uniform(0, 10, (n, 2))
    sizes = rng.uniform(0, 3, (n, 2))
    boxes = np.concatenate([centers - sizes / 2, centers + sizes / 2], axis=1)
    flip = rng.random(n) < 0.2                      # corners given in either order
    boxes[flip] = boxes[flip][:, [2, 3, 0, 1]]
    degenerate = rng.random(n) < 0.05               # zero-area boxes (IoU 0 with anything)
    boxes[degenerate, 2] = boxes[degenerate, 0]
    scores = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9], n) if rng.random() < 0.5 else rng.random(n)
    scores = scores.astype(np.float32)
    if with_nan:   # a NaN IoU zeroes and re-queues a candidate (the host loop's path)
        boxes[rng.random(n) < 0.03, int(rng.integers(0, 4))] = np.nan
    scores[rng.random(n) < 0.05] = np.nan
    return boxes.astype(np.float32), scores


def kernel_table(which: str) -> dict:
    """The NumPy xp kernels, or the Numba kernels over them (skipped where Numba is off)."""
    if which == "numpy":
        return K
    pytest.importorskip("numba")
    from pytfjs.backends.numpy import jit
    from pytfjs.backends.xp import make_kernels
    if jit.get() is None:
        pytest.skip("Numba kernels off")
    return jit.make_kernels(make_kernels(np))


@pytest.mark.parametrize("which", ["numpy", "numba"])
@pytest.mark.parametrize("seed", range(40))
def test_matches_reference(seed, which):
    kernels = kernel_table(which)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 300))
    boxes, scores = random_case(rng, n, with_nan=seed % 2 == 1)
    for max_out, thr, score_thr in ((n + 5, 0.5, float("-inf")), (7, 0.3, 0.2),
                                    (50, 0.0, 0.5), (20, 1.0, 0.0), (0, 0.5, 0.0)):
        want, _ = non_max_suppression(boxes.reshape(-1).tolist(), scores.tolist(), max_out,
                                      thr, score_thr)
        got = kernels["NonMaxSuppressionV3"](boxes, scores, max_output_size=max_out,
                                             iou_threshold=thr, score_threshold=score_thr)
        assert got.dtype == np.int32 and got.tolist() == want, (seed, max_out, thr, score_thr)
        got4, valid = kernels["NonMaxSuppressionV4"](boxes, scores, max_output_size=max_out,
                                                     iou_threshold=thr,
                                                     score_threshold=score_thr,
                                                     pad_to_max_output_size=True)
        assert int(valid) == len(want) and got4.tolist()[:len(want)] == want
        assert got4.shape == (max(max_out, len(want)),)
