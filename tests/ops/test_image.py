"""The tf.image namespace: resizes, crops, flips, rotations, transforms, colour, threshold and
non-max suppression, with their gradients.

Literal expectations come from TF.js 4.22 (cpu backend); where TF.js is wrong (gradients with
``half_pixel_centers``, non-square bilinear gradients, nearest-neighbor gradients of batches,
``transform`` of batches) the numeric gradient check and TensorFlow's behaviour are the
reference. The recorded goldens are in ``tests/goldens/image.jsonl``.
"""
from __future__ import annotations

import asyncio
import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

NAN = math.nan


def img(tf, shape, start=0.3, step=0.71):  # noqa: ANN001, ANN201
    n = 1
    for d in shape:
        n *= d
    return tf.tensor([((start + i * step) % 4.3) - 1.1 for i in range(n)], list(shape), "float32")


# ===================================================================== resize_bilinear
def test_resize_bilinear_literals(tf):
    x = tf.tensor([[[0.0], [1.0]], [[2.0], [3.0]]])
    y = tf.image.resize_bilinear(x, [3, 3], True)
    assert_close(y, [[[0], [0.5], [1]], [[1], [1.5], [2]], [[2], [2.5], [3]]], dtype="float32",
                 shape=(3, 3, 1))
    # TF.js 4.22: plain and half-pixel sampling
    y = tf.image.resize_bilinear(x, [3, 3])
    assert_close(tf.reshape(y, [9]), [0, 2 / 3, 1, 4 / 3, 2, 7 / 3, 2, 8 / 3, 3])
    y = tf.image.resize_bilinear(tf.reshape(x, [1, 2, 2, 1]), [3, 3], False, True)
    assert_close(tf.reshape(y, [9]), [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3])


def test_resize_bilinear_dtypes_and_empty(tf):
    y = tf.image.resize_bilinear(tf.tensor([[[[1], [3]]]], None, "int32"), [1, 3], True)
    assert_close(y, [[[[1], [2], [3]]]], dtype="float32")
    y = tf.image.resize_bilinear(tf.zeros([0, 3, 4, 2]), [5, 5])
    assert y.shape == (0, 5, 5, 2) and y.dtype == "float32"
    y = tf.image.resize_bilinear(tf.ones([1, 3, 4, 2]), [0, 3])
    assert y.shape == (1, 0, 3, 2)


def test_resize_errors(tf):
    with pytest.raises(Exception, match="rank 3 or 4"):
        tf.image.resize_bilinear(tf.ones([2, 2]), [3, 3])
    with pytest.raises(ValueError, match="size"):
        tf.image.resize_bilinear(tf.ones([1, 2, 2, 1]), [3])
    with pytest.raises(ValueError, match="align_corners"):
        tf.image.resize_bilinear(tf.ones([1, 2, 2, 1]), [3, 3], True, True)
    with pytest.raises(TypeError, match="float32 or int32"):
        tf.image.resize_nearest_neighbor(tf.tensor([[[[True]]]]), [3, 3])


@pytest.mark.parametrize("align,half", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("size", [[5, 3], [2, 7], [1, 1]])
def test_resize_bilinear_grad_numeric(tf, align, half, size):
    # includes non-square images and half-pixel centers, where TF.js 4.22's gradient is wrong
    x = img(tf, [2, 3, 4, 2])
    check_grads(tf, lambda x: tf.image.resize_bilinear(x, size, align, half), [x])


def test_resize_bilinear_grad_literal(tf):
    # TF.js 4.22 (square, no half-pixel centers): each input pixel collects its weights
    g = tf.grad(lambda x: tf.image.resize_bilinear(x, [3, 3], True))(tf.ones([1, 2, 2, 1]))
    assert_close(tf.reshape(g, [4]), [2.25, 2.25, 2.25, 2.25], dtype="float32")


def test_resize_bilinear_second_order(tf):
    x = img(tf, [1, 3, 2, 1])
    first = lambda x: tf.grad(lambda y: tf.sum(tf.square(tf.image.resize_bilinear(y, [4, 5], False, True))))(x)  # noqa: E731
    check_grads(tf, first, [x])


# ===================================================================== resize_nearest_neighbor
def test_resize_nearest_literals(tf):
    x = tf.tensor([[[1], [2]], [[3], [4]]])
    y = tf.image.resize_nearest_neighbor(x, [3, 3])
    assert_close(tf.reshape(y, [9]), [1, 1, 2, 1, 1, 2, 3, 3, 4], dtype="int32")
    y = tf.image.resize_nearest_neighbor(x, [3, 3], True)
    assert_close(tf.reshape(y, [9]), [1, 2, 2, 3, 4, 4, 3, 4, 4])
    y = tf.image.resize_nearest_neighbor(x, [3, 3], False, True)
    assert_close(tf.reshape(y, [9]), [1, 2, 2, 3, 4, 4, 3, 4, 4])


@pytest.mark.parametrize("align,half", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("size", [[5, 3], [2, 7]])
def test_resize_nearest_grad_numeric(tf, align, half, size):
    x = img(tf, [2, 3, 4, 1])
    check_grads(tf, lambda x: tf.image.resize_nearest_neighbor(x, size, align, half), [x])


def test_resize_nearest_grad_half_pixel_literal(tf):
    # 2 -> 3 with half-pixel centers reads rows [0, 1, 1]: row 1 gets two dys (TF.js gives
    # [[2, 1], [1, 0]]-style wrong sums because its gradient ignores half_pixel_centers)
    g = tf.grad(lambda x: tf.image.resize_nearest_neighbor(x, [3, 3], False, True))(
        tf.ones([1, 2, 2, 1]))
    assert_close(tf.reshape(g, [4]), [1, 2, 2, 4], dtype="float32")


def test_resize_nearest_second_order(tf):
    x = img(tf, [1, 2, 3, 1])
    first = lambda x: tf.grad(lambda y: tf.sum(tf.square(tf.image.resize_nearest_neighbor(y, [3, 5]))))(x)  # noqa: E731
    check_grads(tf, first, [x])


# ===================================================================== crop_and_resize
def test_crop_and_resize_literals(tf):
    image = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])
    y = tf.image.crop_and_resize(image, [[0, 0, 1, 1]], [0], [3, 3])
    assert_close(tf.reshape(y, [9]), [1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4], dtype="float32")
    y = tf.image.crop_and_resize(image, [[0, 0, 1, 1], [-1, 0, 1, 1]], [0, 0], [2, 2],
                                 "nearest", 9)
    assert_close(tf.reshape(y, [8]), [1, 2, 3, 4, 9, 9, 3, 4])
    # a box index outside the batch gives zeros
    y = tf.image.crop_and_resize(image, [[0, 0, 1, 1], [0, 0, 1, 1]], [1, -1], [1, 2])
    assert_close(tf.reshape(y, [4]), [0, 0, 0, 0])


def test_crop_and_resize_errors(tf):
    image = tf.ones([1, 2, 2, 1])
    with pytest.raises(ValueError, match="method"):
        tf.image.crop_and_resize(image, [[0, 0, 1, 1]], [0], [2, 2], "cubic")
    with pytest.raises(ValueError, match="crop_size"):
        tf.image.crop_and_resize(image, [[0, 0, 1, 1]], [0], [0, 2])
    with pytest.raises(Exception, match="box_ind"):
        tf.image.crop_and_resize(image, [[0, 0, 1, 1]], [0, 0], [2, 2])
    with pytest.raises(TypeError, match="int32"):
        tf.image.crop_and_resize(image, [[0, 0, 1, 1]], tf.tensor([0.0]), [2, 2])


@pytest.mark.parametrize("method", ["bilinear", "nearest"])
def test_crop_and_resize_grad_numeric(tf, method):
    x = img(tf, [2, 3, 4, 2])
    boxes = tf.tensor([[0.05, 0.1, 0.9, 0.8], [0.9, 0.7, 0.2, 0.1], [-0.5, 0.2, 0.6, 1.3]])
    ind = tf.tensor([0, 1, 1], None, "int32")
    check_grads(tf, lambda x: tf.image.crop_and_resize(x, boxes, ind, [3, 2], method, 0.5), [x])
    check_grads(tf, lambda x: tf.image.crop_and_resize(x, boxes, ind, [1, 1], method), [x])


# ===================================================================== flips, rotations, transforms
def test_flip_left_right(tf):
    x = tf.tensor([[[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]]]])
    assert_close(tf.image.flip_left_right(x), [[[[3, 30], [2, 20], [1, 10]]]], dtype="float32")
    with pytest.raises(TypeError, match="float32"):
        tf.image.flip_left_right(tf.ones([1, 2, 2, 1], "int32"))
    check_grads(tf, lambda x: tf.image.flip_left_right(x), [img(tf, [2, 2, 3, 2])])


def test_rotate_with_offset(tf):
    x = tf.tensor([[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]]])
    # TF.js 4.22: the center is 0.5 * size = pixel (1.5, 1.5), between pixels
    y = tf.image.rotate_with_offset(x, math.pi / 2)
    assert_close(tf.reshape(y, [9]), [0, 0, 0, 3, 6, 9, 2, 5, 8], dtype="float32")
    y = tf.image.rotate_with_offset(x, math.pi / 2, 7, [1 / 3, 1 / 3])
    assert_close(tf.reshape(y, [9]), [3, 6, 9, 2, 5, 8, 1, 4, 7])
    rgba = tf.zeros([1, 1, 2, 4])
    y = tf.image.rotate_with_offset(rgba, math.pi, [1, 2, 3], 0)
    assert_close(tf.reshape(y, [8]), [0, 0, 0, 0, 1, 2, 3, 255])
    with pytest.raises(TypeError, match="fill_value"):
        tf.image.rotate_with_offset(x, 1.0, [1, 2])


def test_transform(tf):
    x = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])
    shift = [[1, 0, 1, 0, 1, 0, 0, 0]]
    assert_close(tf.reshape(tf.image.transform(x, shift), [4]), [2, 0, 4, 0], dtype="float32")
    y = tf.image.transform(x, [[1, 0, 0.5, 0, 1, 0, 0, 0]], "bilinear", "constant", 10)
    assert_close(tf.reshape(y, [4]), [1.5, 6, 3.5, 7])
    y = tf.image.transform(x, shift, "nearest", "wrap")
    assert_close(tf.reshape(y, [4]), [2, 1, 4, 3])
    y = tf.image.transform(x, shift, "nearest", "nearest", 0, [1, 3])
    assert_close(tf.reshape(y, [3]), [2, 2, 2])


def test_transform_warps_every_image(tf):
    # TF.js 4.22 only warps the first image of a batch; pytfjs follows TensorFlow
    x = tf.tensor([[[[1.0], [2.0]]], [[[3.0], [4.0]]]])
    y = tf.image.transform(x, [[1, 0, 1, 0, 1, 0, 0, 0]], "nearest", "constant", -1)
    assert_close(tf.reshape(y, [4]), [2, -1, 4, -1])
    y = tf.image.transform(x, [[1, 0, 1, 0, 1, 0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0]])
    assert_close(tf.reshape(y, [4]), [2, 0, 3, 4])


def test_transform_errors(tf):
    x = tf.ones([2, 2, 2, 1])
    with pytest.raises(Exception, match="transforms"):
        tf.image.transform(x, tf.ones([3, 8]))
    with pytest.raises(ValueError, match="interpolation"):
        tf.image.transform(x, tf.ones([1, 8]), "cubic")
    with pytest.raises(ValueError, match="fill_mode"):
        tf.image.transform(x, tf.ones([1, 8]), "nearest", "mirror")


# ===================================================================== colour and threshold
def test_grayscale_rgb(tf):
    assert_close(tf.image.grayscale_to_rgb(tf.tensor([[5], [7]])), [[5, 5, 5], [7, 7, 7]],
                 dtype="int32")
    y = tf.image.rgb_to_grayscale(tf.tensor([[10, 20, 30], [40, 50, 60]]))
    assert_close(y, [[18], [48]], dtype="int32")
    y = tf.image.rgb_to_grayscale(tf.ones([1, 1, 1, 1, 1, 1, 1, 3]))  # any rank >= 2
    assert y.shape == (1, 1, 1, 1, 1, 1, 1, 1)
    with pytest.raises(Exception, match="last dimension"):
        tf.image.rgb_to_grayscale(tf.ones([2, 4]))
    check_grads(tf, lambda x: tf.image.rgb_to_grayscale(x), [img(tf, [2, 3])])
    check_grads(tf, lambda x: tf.image.grayscale_to_rgb(x), [img(tf, [2, 1])])


def test_threshold(tf):
    rgb = tf.tensor([[[10, 20, 30], [240, 250, 200]]])
    assert_close(tf.image.threshold(rgb), [[[0], [255]]], dtype="int32")
    assert_close(tf.image.threshold(rgb, "binary", True), [[[255], [0]]])
    # TF.js 4.22 literal (Otsu on a 3x1 image)
    x = tf.tensor([[[10, 20, 30]], [[240, 250, 200]], [[100, 100, 100]]])
    assert_close(tf.image.threshold(x, "otsu"), [[[0]], [[255]], [[0]]])
    flat = tf.fill([2, 2, 1], 7)
    assert_close(tf.image.threshold(flat, "otsu"), [[[255], [255]], [[255], [255]]])
    with pytest.raises(ValueError, match="method"):
        tf.image.threshold(rgb, "mean")


# ===================================================================== non-max suppression
BOXES = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1],
         [0, 100, 1, 101]]
SCORES = [0.9, 0.75, 0.6, 0.95, 0.5, 0.3]


def test_nms_basic(tf):
    # the TF.js test-suite example
    sel = tf.image.non_max_suppression(BOXES, SCORES, 3, 0.5, 0)
    assert_close(sel, [3, 0, 5], dtype="int32")
    sel = tf.image.non_max_suppression(BOXES, SCORES, 2)
    assert_close(sel, [3, 0])
    sel = tf.image.non_max_suppression(BOXES, SCORES, 10, 0.5, 0.8)
    assert_close(sel, [3, 0])
    assert tf.image.non_max_suppression(tf.zeros([0, 4]), tf.zeros([0]), 3).shape == (0,)


def test_nms_ties_and_flipped_corners(tf):
    boxes = [[1, 1, 0, 0], [0, 0, 1, 1], [2, 2, 3, 3]]
    sel = tf.image.non_max_suppression(boxes, [0.5, 0.5, 0.5], 3)
    assert_close(sel, [0, 2])  # equal scores: the smaller index first


def test_nms_with_score_soft(tf):
    r = tf.image.non_max_suppression_with_score(BOXES, SCORES, 6, 1.0, 0.0, 0.5)
    assert r.selected_indices.dtype == "int32" and r.selected_scores.dtype == "float32"
    # TF.js 4.22
    assert_close(r.selected_indices, [3, 0, 1, 5, 4, 2])
    assert_close(r.selected_scores, [0.95, 0.9, 0.38400352, 0.3, 0.2560026, 0.19697244],
                 rtol=1e-5)
    assert r[0] is r.selected_indices


def test_nms_padded(tf):
    r = tf.image.non_max_suppression_padded(BOXES, SCORES, 6, 0.5, 0.0, True)
    assert_close(r.selected_indices, [3, 0, 5, 0, 0, 0], dtype="int32")
    assert_close(r.valid_outputs, 3, dtype="int32", shape=())
    r = tf.image.non_max_suppression_padded(BOXES, SCORES, 6, 0.5, 0.0)
    assert_close(r.selected_indices, [3, 0, 5])


def test_nms_async(tf):
    sel = asyncio.run(tf.image.non_max_suppression_async(BOXES, SCORES, 3, 0.5, 0))
    assert_close(sel, [3, 0, 5])
    r = asyncio.run(tf.image.non_max_suppression_with_score_async(BOXES, SCORES, 2))
    assert_close(r.selected_indices, [3, 0])
    r = asyncio.run(tf.image.non_max_suppression_padded_async(BOXES, SCORES, 4, 0.5, 0.0, True))
    assert_close(r.selected_indices, [3, 0, 5, 0])
    tf.dispose([sel, *r])


def test_nms_errors(tf):
    with pytest.raises(ValueError, match="iou_threshold"):
        tf.image.non_max_suppression(BOXES, SCORES, 3, 1.5)
    with pytest.raises(Exception, match="boxes"):
        tf.image.non_max_suppression([[0, 0, 1]], [0.5], 3)
    with pytest.raises(Exception, match="scores"):
        tf.image.non_max_suppression(BOXES, SCORES[:2], 3)
    with pytest.raises(ValueError, match="soft_nms_sigma"):
        tf.image.non_max_suppression_with_score(BOXES, SCORES, 3, 0.5, 0, 2)
    with pytest.raises(TypeError, match="float32"):
        tf.image.non_max_suppression(tf.ones([1, 4], "int32"), [0.5], 3)


def test_resize_numpy_int_size(tf):
    np = pytest.importorskip("numpy")
    img = tf.ones([1, 4, 4, 1])
    assert tf.image.resize_bilinear(img, np.array([2, 3])).shape == (1, 2, 3, 1)
    assert tf.image.resize_nearest_neighbor(img, [np.int64(2), 2]).shape == (1, 2, 2, 1)
