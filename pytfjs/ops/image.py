"""Ops: the ``tf.image`` namespace (resizes, crops, flips, rotations, projective transforms,
colour conversions, thresholding and non-max suppression).

Every op here is declared with ``namespace="image"`` and is reached as ``tf.image.<name>``.
Images are NHWC (``[batch, height, width, channels]``; the resizes also take one ``[h, w, c]``
image). The TF.js 4.22 cpu backend is the reference; where it is wrong, pytfjs follows
TensorFlow, on purpose:

- the gradients of ``resize_bilinear`` and ``resize_nearest_neighbor`` are the exact
  transposes of the forward pass, also with ``half_pixel_centers=True`` (TF.js's gradient
  kernels ignore that flag and give wrong values) and for non-square images (TF.js's
  ``ResizeBilinearGrad`` returns the height and width swapped);
- ``transform`` warps every image of the batch (TF.js 4.22 returns after the first one and
  leaves the others filled with ``fill_value``);
- ``crop_and_resize`` gives zeros for every box whose ``box_ind`` is outside ``[0, batch)``
  (TF.js does so for indices >= batch but reads garbage, NaN, for negative ones);
- ``rgb_to_grayscale`` takes any rank >= 2 (TF.js stops at rank 6).

Gradients: ``resize_bilinear`` and ``resize_nearest_neighbor`` (their gradient kernels are
differentiable again, so higher orders work), ``crop_and_resize`` with respect to the image
(TF's ``CropAndResizeGradImage``, composed of ops; TF.js has none), ``flip_left_right``.
The composite ops (``grayscale_to_rgb``, ``rgb_to_grayscale``) get theirs from their parts.
"""
from __future__ import annotations

import math
from typing import Any, NamedTuple, Sequence

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from . import (arithmetic, basic_math, creation, logical, reduction, slice_join,
               transformation)
from ._util import as_int_list, cast_to

__all__: list[str] = []  # every op lives in the tf.image namespace

_INF = float("inf")
_FLOATS = ("float32", "float64")  # float64 where the backend has it (gradient checks)


# ------------------------------------------------------------------------------ argument checks
def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _size2(size: Any, arg: str, op_name: str, minimum: int = 0) -> tuple[int, int]:
    size = as_int_list(size)
    if isinstance(size, Tensor) or not isinstance(size, (list, tuple)) or len(size) != 2 \
            or not all(_int(s) and s >= minimum for s in size):
        raise ValueError(f"'{op_name}': {arg} must be a list of two ints >= {minimum} "
                         f"([height, width]), got {size!r}")
    return int(size[0]), int(size[1])


def _flag(v: Any, arg: str, op_name: str) -> bool:
    if not isinstance(v, bool):
        raise TypeError(f"'{op_name}': {arg} must be a bool, got {v!r}")
    return v


def _float_arg(v: Any, arg: str, op_name: str) -> float:
    if not _number(v):
        raise TypeError(f"'{op_name}': {arg} must be a number, got {v!r}")
    return float(v)


def _parse(x: Any, arg: str, op_name: str, dtype: str, numeric: bool = True) -> Tensor:
    """TF.js ``convertToTensor(x, arg, op, dtype)``: raw Python data is parsed as ``dtype``;
    a tensor (or an array with a dtype of its own) keeps its dtype, which the caller checks."""
    if isinstance(x, Tensor) or hasattr(x, "dtype"):
        return to_tensor(x, arg, op_name, numeric=numeric)
    return to_tensor(x, arg, op_name, dtype=dtype, numeric=numeric)


def _image(x: Any, arg: str, op_name: str, ranks: tuple[int, ...] = (4,),
           dtypes: tuple[str, ...] | None = ("float32", "int32", "bool", "float64"),
           parse_as: str | None = None) -> Tensor:
    t = _parse(x, arg, op_name, parse_as) if parse_as else to_tensor(x, arg, op_name,
                                                                     numeric=True)
    if dtypes is not None and t.dtype not in dtypes:
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be {' or '.join(dtypes)} "
                        f"tensor, but got {t.dtype} tensor")
    if t.rank not in ranks:
        want = " or ".join(str(r) for r in ranks)
        raise ShapeError(f"'{op_name}': {arg} must be of rank {want}, but got rank {t.rank} "
                         f"(shape {list(t.shape)})")
    return t


def _resize(kernel: str, op_name: str, images: Any, size: Any, align_corners: Any,
            half_pixel_centers: Any, dtypes: tuple[str, ...]) -> Tensor:
    x = _image(images, "images", op_name, (3, 4), dtypes)
    nh, nw = _size2(size, "size", op_name)
    align = _flag(align_corners, "align_corners", op_name)
    half = _flag(half_pixel_centers, "half_pixel_centers", op_name)
    if align and half:
        raise ValueError(f"'{op_name}': if half_pixel_centers is True, align_corners must be "
                         f"False")
    batched = x.rank == 4
    if not batched:
        x = transformation.reshape(x, (1,) + x.shape)
    out = run(kernel, x, size=(nh, nw), align_corners=align, half_pixel_centers=half)
    return out if batched else transformation.reshape(out, out.shape[1:])


# ------------------------------------------------------------------------------ resizes
@op("ResizeBilinear", tf_ops=("ResizeBilinear",), namespace="image", dtype="float32",
    method=False)
def resize_bilinear(images: Any, size: Sequence[int], align_corners: bool = False,
                    half_pixel_centers: bool = False) -> Tensor:
    """Resizes images to ``size`` with bilinear interpolation (float32 result).

    Args:
        images: ``[batch, height, width, channels]`` or ``[height, width, channels]``
            (float32, int32 or bool).
        size: the new ``[height, width]``.
        align_corners: map the corner pixels of input and output onto each other.
        half_pixel_centers: sample at pixel centers (TF2's default convention); cannot be
            combined with ``align_corners``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[0.0], [1.0]], [[2.0], [3.0]]])
    >>> tf.image.resize_bilinear(x, [3, 3], True).reshape([3, 3]).to_list()
    [[0.0, 0.5, 1.0], [1.0, 1.5, 2.0], [2.0, 2.5, 3.0]]
    """
    return _resize("ResizeBilinear", "image.resize_bilinear", images, size, align_corners,
                   half_pixel_centers, ("float32", "int32", "bool", "float64"))


def _resize_grads(resize: Any, kernel: str) -> None:
    """Registers the gradient of a resize op (its ``<kernel>Grad`` kernel) and the gradient of
    that gradient kernel: ``<kernel>Grad`` is linear in dy, so its transpose is the forward
    resize."""

    @resize.gradient(save_inputs=True)
    def _grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
        (images,) = inputs
        return (run(kernel + "Grad", dy, images, align_corners=attrs["align_corners"],
                    half_pixel_centers=attrs["half_pixel_centers"]),)

    @resize.gradient(save_inputs=True, kernel_name=kernel + "Grad")
    def _grad_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
        dy, images = inputs
        return (run(kernel, ddx, size=tuple(dy.shape[1:3]),
                    align_corners=attrs["align_corners"],
                    half_pixel_centers=attrs["half_pixel_centers"]), None)


_resize_grads(resize_bilinear, "ResizeBilinear")


@op("ResizeNearestNeighbor", tf_ops=("ResizeNearestNeighbor",), namespace="image",
    dtype="same (float32 or int32)", method=False)
def resize_nearest_neighbor(images: Any, size: Sequence[int], align_corners: bool = False,
                            half_pixel_centers: bool = False) -> Tensor:
    """Resizes images to ``size`` by copying the nearest source pixel (dtype kept).

    Args:
        images: ``[batch, height, width, channels]`` or ``[height, width, channels]``
            (float32 or int32).
        size: the new ``[height, width]``.
        align_corners: map the corner pixels onto each other (rounds to the nearest pixel).
        half_pixel_centers: sample at pixel centers; cannot be combined with
            ``align_corners``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[1], [2]], [[3], [4]]])
    >>> tf.image.resize_nearest_neighbor(x, [4, 4]).reshape([4, 4]).to_list()
    [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]
    """
    return _resize("ResizeNearestNeighbor", "image.resize_nearest_neighbor", images, size,
                   align_corners, half_pixel_centers, ("float32", "int32", "float64"))


_resize_grads(resize_nearest_neighbor, "ResizeNearestNeighbor")


# ------------------------------------------------------------------------------ crop and resize
@op("CropAndResize", tf_ops=("CropAndResize",), namespace="image", dtype="float32",
    method=False)
def crop_and_resize(image: Any, boxes: Any, box_ind: Any, crop_size: Sequence[int],
                    method: str = "bilinear", extrapolation_value: float = 0) -> Tensor:
    """Crops boxes out of a batch of images and resizes each crop to ``crop_size``.

    A box ``[y1, x1, y2, x2]`` is in normalized coordinates (0 and 1 are the first and last
    pixel; ``y1 > y2`` flips the crop). Samples outside the image get
    ``extrapolation_value``; boxes whose ``box_ind`` is not a valid batch index give zeros.

    Args:
        image: ``[batch, height, width, channels]`` (float32, int32 or bool).
        boxes: ``[num_boxes, 4]`` float32.
        box_ind: ``[num_boxes]`` int32, the image each box crops.
        crop_size: ``[crop_height, crop_width]``, both >= 1.
        method: ``'bilinear'`` or ``'nearest'``.
        extrapolation_value: the value of samples outside the image.

    >>> import pytfjs as tf
    >>> img = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])
    >>> tf.image.crop_and_resize(img, [[0, 0, 1, 1]], [0], [3, 3]).reshape([3, 3]).to_list()
    [[1.0, 1.5, 2.0], [2.0, 2.5, 3.0], [3.0, 3.5, 4.0]]
    """
    name = "image.crop_and_resize"
    x = _image(image, "image", name)
    b = _parse(boxes, "boxes", name, "float32")
    if b.dtype not in _FLOATS:
        raise TypeError(f"Argument 'boxes' passed to '{name}' must be float32 tensor, but got "
                        f"{b.dtype} tensor")
    if b.rank != 2 or b.shape[1] != 4:
        raise ShapeError(f"'{name}': boxes must have shape [num_boxes, 4], got {list(b.shape)}")
    ind = _parse(box_ind, "box_ind", name, "int32")
    if ind.dtype != "int32":
        raise TypeError(f"Argument 'box_ind' passed to '{name}' must be int32 tensor, but got "
                        f"{ind.dtype} tensor")
    if ind.rank != 1 or ind.shape[0] != b.shape[0]:
        raise ShapeError(f"'{name}': box_ind must have shape [{b.shape[0]}], got "
                         f"{list(ind.shape)}")
    ch, cw = _size2(crop_size, "crop_size", name, minimum=1)
    if method not in ("bilinear", "nearest"):
        raise ValueError(f"'{name}': method must be 'bilinear' or 'nearest', got {method!r}")
    ev = _float_arg(extrapolation_value, "extrapolation_value", name)
    return run("CropAndResize", x, b, ind, crop_size=(ch, cw), method=method,
               extrapolation_value=ev)


@crop_and_resize.gradient(save_inputs=True)
def _crop_and_resize_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """TF's ``CropAndResizeGradImage``: each in-image sample sends its ``dy`` to the pixels it
    read (bilinear weights, or the nearest pixel), as one ``unsorted_segment_sum`` over the
    flattened image. The sample positions come from the box values (read on the host); boxes
    and box indices get no gradient."""
    image, boxes, box_ind = inputs
    batch, ih, iw, c = image.shape
    n = boxes.shape[0]
    ch, cw = attrs["crop_size"]
    if n == 0 or image.size == 0:
        return (creation.zeros(image.shape, "float32"), None, None)
    bx = boxes.data_sync().tolist()
    bi = box_ind.data_sync().tolist()
    seg: list[int] = []     # flat pixel index (b, y, x) per (sample, corner); -1 = none
    wts: list[float] = []
    nearest = attrs["method"] == "nearest"
    for k in range(n):
        y1, x1, y2, x2 = bx[4 * k:4 * k + 4]
        ok = 0 <= bi[k] < batch
        hs = (y2 - y1) * (ih - 1) / (ch - 1) if ch > 1 else 0.0
        ws = (x2 - x1) * (iw - 1) / (cw - 1) if cw > 1 else 0.0
        for y in range(ch):
            yv = y1 * (ih - 1) + y * hs if ch > 1 else 0.5 * (y1 + y2) * (ih - 1)
            for x in range(cw):
                xv = x1 * (iw - 1) + x * ws if cw > 1 else 0.5 * (x1 + x2) * (iw - 1)
                inside = ok and 0 <= yv <= ih - 1 and 0 <= xv <= iw - 1
                if not inside:
                    seg += [-1] * 4
                    wts += [0.0] * 4
                    continue
                base = bi[k] * ih * iw
                if nearest:
                    p = base + math.floor(yv + 0.5) * iw + math.floor(xv + 0.5)
                    seg += [p, -1, -1, -1]
                    wts += [1.0, 0.0, 0.0, 0.0]
                    continue
                t, bo = math.floor(yv), math.ceil(yv)
                le, ri = math.floor(xv), math.ceil(xv)
                fy, fx = yv - t, xv - le
                seg += [base + t * iw + le, base + t * iw + ri, base + bo * iw + le,
                        base + bo * iw + ri]
                wts += [(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx]
    m = n * ch * cw
    w = transformation.reshape(creation.tensor(wts, None, "float32"), (m, 4, 1))
    contrib = arithmetic.mul(transformation.reshape(dy, (m, 1, c)), w)
    ids = creation.tensor([s if s >= 0 else batch * ih * iw for s in seg], None, "int32")
    flat = slice_join.unsorted_segment_sum(transformation.reshape(contrib, (m * 4, c)), ids,
                                           batch * ih * iw + 1)
    flat = slice_join.slice(flat, [0, 0], [batch * ih * iw, c])
    return (transformation.reshape(flat, image.shape), None, None)


# ------------------------------------------------------------------------------ flips and warps
@op("FlipLeftRight", tf_ops=("FlipLeftRight",), namespace="image", dtype="float32",
    method=False)
def flip_left_right(image: Any) -> Tensor:
    """Mirrors a batch of images horizontally (reverses the width axis).

    Args:
        image: ``[batch, height, width, channels]`` float32 (TensorLike values are parsed as
            float32).

    >>> import pytfjs as tf
    >>> tf.image.flip_left_right([[[[1], [2], [3]]]]).reshape([3]).to_list()
    [3.0, 2.0, 1.0]
    """
    x = _image(image, "image", "image.flip_left_right", dtypes=_FLOATS, parse_as="float32")
    return run("FlipLeftRight", x)


@flip_left_right.gradient()
def _flip_left_right_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (run("FlipLeftRight", dy),)


def _center(center: Any, name: str) -> Any:
    if _number(center):
        return float(center)
    if isinstance(center, (list, tuple)) and len(center) == 2 and all(map(_number, center)):
        return (float(center[0]), float(center[1]))
    raise TypeError(f"'{name}': center must be a number or [x, y] (fractions of the width and "
                    f"height), got {center!r}")


@op("RotateWithOffset", tf_ops=(), namespace="image", dtype="float32", method=False,
    differentiable=False)
def rotate_with_offset(image: Any, radians: float, fill_value: float | Sequence[float] = 0,
                       center: float | Sequence[float] = 0.5) -> Tensor:
    """Rotates images by ``radians`` (counter-clockwise, in the image's row-down frame)
    around ``center``, sampling the nearest source pixel; pixels from outside get
    ``fill_value``. Not differentiable (nearest-pixel sampling; TF.js has no gradient).

    Args:
        image: ``[batch, height, width, channels]`` float32.
        radians: the rotation angle.
        fill_value: a number, or ``[r, g, b]`` for RGB(A) images (alpha is filled with 255).
        center: the rotation center as a fraction of the size: a number for both axes or
            ``[x, y]``. TF.js puts it at ``center * size`` in pixel indices, so the default
            0.5 is half a pixel right of and below the true middle.

    >>> import pytfjs as tf
    >>> import math
    >>> img = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])
    >>> tf.image.rotate_with_offset(img, math.pi, 0, 0.25).reshape([2, 2]).to_list()
    [[4.0, 3.0], [2.0, 1.0]]
    """
    name = "image.rotate_with_offset"
    x = _image(image, "image", name, dtypes=_FLOATS, parse_as="float32")
    rad = _float_arg(radians, "radians", name)
    if _number(fill_value):
        fill: Any = float(fill_value)
    elif isinstance(fill_value, (list, tuple)) and len(fill_value) == 3 \
            and all(map(_number, fill_value)):
        fill = tuple(float(v) for v in fill_value)
    else:
        raise TypeError(f"'{name}': fill_value must be a number or [r, g, b], got "
                        f"{fill_value!r}")
    return run("RotateWithOffset", x, radians=rad, fill_value=fill, center=_center(center, name))


@op("Transform", tf_ops=("ImageProjectiveTransformV3",), namespace="image", dtype="float32",
    method=False, differentiable=False)
def transform(image: Any, transforms: Any, interpolation: str = "nearest",
              fill_mode: str = "constant", fill_value: float = 0,
              output_shape: Sequence[int] | None = None) -> Tensor:
    """Applies projective transforms to images.

    A row ``[a0, a1, a2, b0, b1, b2, c0, c1]`` maps the output point ``(x, y)`` to the input
    point ``((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)`` with ``k = c0 x + c1 y + 1``.
    Not differentiable (TF.js has no gradient).

    Args:
        image: ``[batch, height, width, channels]`` float32.
        transforms: ``[batch, 8]`` or ``[1, 8]`` float32 (one transform for every image).
        interpolation: ``'nearest'`` or ``'bilinear'``.
        fill_mode: how points outside the input are read: ``'constant'`` (``fill_value``),
            ``'reflect'``, ``'wrap'`` or ``'nearest'``.
        fill_value: the value for ``fill_mode='constant'``.
        output_shape: ``[height, width]`` of the output (default: the input's).

    >>> import pytfjs as tf
    >>> img = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])
    >>> shift = [[1, 0, 1, 0, 1, 0, 0, 0]]   # read one pixel to the right
    >>> tf.image.transform(img, shift).reshape([2, 2]).to_list()
    [[2.0, 0.0], [4.0, 0.0]]
    """
    name = "image.transform"
    x = _image(image, "image", name, dtypes=_FLOATS, parse_as="float32")
    t = _parse(transforms, "transforms", name, "float32")
    if t.dtype != "float32":
        raise TypeError(f"Argument 'transforms' passed to '{name}' must be float32 tensor, "
                        f"but got {t.dtype} tensor")
    if t.rank != 2 or t.shape[1] != 8 or t.shape[0] not in (1, x.shape[0]):
        raise ShapeError(f"'{name}': transforms must have shape [{x.shape[0]}, 8] or [1, 8], "
                         f"got {list(t.shape)}")
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"'{name}': interpolation must be 'nearest' or 'bilinear', got "
                         f"{interpolation!r}")
    if fill_mode not in ("constant", "reflect", "wrap", "nearest"):
        raise ValueError(f"'{name}': fill_mode must be 'constant', 'reflect', 'wrap' or "
                         f"'nearest', got {fill_mode!r}")
    fv = _float_arg(fill_value, "fill_value", name)
    shape = None if output_shape is None else _size2(output_shape, "output_shape", name)
    return run("Transform", x, t, interpolation=interpolation, fill_mode=fill_mode,
               fill_value=fv, output_shape=shape)


# ------------------------------------------------------------------------------ colour
def _rank2_image(image: Any, name: str, channels: int) -> Tensor:
    x = to_tensor(image, "image", name, numeric=True)
    if x.rank < 2:
        raise ShapeError(f"'{name}': images must be at least rank 2, but got rank {x.rank}")
    if x.shape[-1] != channels:
        raise ShapeError(f"'{name}': the last dimension must have size {channels}, but got "
                         f"size {x.shape[-1]}")
    return x


@op(None, namespace="image", dtype="same", method=False)
def grayscale_to_rgb(image: Any) -> Tensor:
    """Converts grayscale images (last dimension 1) to RGB by repeating the channel.

    Args:
        image: a tensor of rank >= 2 whose last dimension is 1.

    >>> import pytfjs as tf
    >>> tf.image.grayscale_to_rgb(tf.tensor([[5], [7]])).to_list()
    [[5, 5, 5], [7, 7, 7]]
    """
    x = _rank2_image(image, "image.grayscale_to_rgb", 1)
    return slice_join.tile(x, [1] * (x.rank - 1) + [3])


_LUMA = (0.2989, 0.5870, 0.1140)  # ITU-R BT.601 luma weights, as TF.js


@op(None, namespace="image", dtype="same", method=False)
def rgb_to_grayscale(image: Any) -> Tensor:
    """Converts RGB images (last dimension 3) to grayscale with the BT.601 luma weights
    ``0.2989 r + 0.587 g + 0.114 b``; the result keeps the dtype (int32 truncates) and a last
    dimension of 1.

    Args:
        image: a tensor of rank >= 2 whose last dimension is 3.

    >>> import pytfjs as tf
    >>> tf.image.rgb_to_grayscale(tf.tensor([[10, 20, 30]])).to_list()
    [[18]]
    """
    x = _rank2_image(image, "image.rgb_to_grayscale", 3)
    xf = x if x.dtype in _FLOATS else cast_to(x, "float32")
    gray = reduction.sum(arithmetic.mul(xf, creation.tensor1d(list(_LUMA), "float32")), -1, True)
    return cast_to(gray, x.dtype)


@op(None, namespace="image", dtype="int32", method=False, differentiable=False)
def threshold(image: Any, method: str = "binary", inverted: bool = False,
              thresh_value: float = 0.5) -> Tensor:
    """Binarizes an image: 255 where the (luma) intensity is above the threshold, else 0
    (reversed with ``inverted``). The result is int32 of shape ``[height, width, 1]``.

    Args:
        image: ``[height, width, 3]`` or ``[height, width, 1]``, int32 or float32, values in
            [0, 255].
        method: ``'binary'`` (threshold ``thresh_value * 255``) or ``'otsu'`` (the threshold
            that maximises the between-class variance of the 256-bin histogram).
        inverted: 255 where the intensity is at most the threshold.
        thresh_value: the threshold of ``'binary'`` as a fraction of 255.

    >>> import pytfjs as tf
    >>> img = tf.tensor([[[10, 20, 30], [240, 250, 200]]])
    >>> tf.image.threshold(img).reshape([2]).to_list()
    [0, 255]
    """
    name = "image.threshold"
    x = to_tensor(image, "image", name)
    if x.rank != 3:
        raise ShapeError(f"'{name}': image must be rank 3, but got rank {x.rank}")
    if x.shape[2] not in (1, 3):
        raise ShapeError(f"'{name}': the image must have 3 or 1 channels, but got "
                         f"{x.shape[2]}")
    if x.dtype not in ("int32", "float32"):
        raise TypeError(f"'{name}': image dtype must be int32 or float32, but got {x.dtype}")
    if method not in ("binary", "otsu"):
        raise ValueError(f"'{name}': method must be 'binary' or 'otsu', got {method!r}")
    inverted = _flag(inverted, "inverted", name)
    tv = _float_arg(thresh_value, "thresh_value", name)
    if x.shape[2] == 3:
        r, g, b = slice_join.split(x, [1, 1, 1], -1)
        gray = arithmetic.add(arithmetic.add(arithmetic.mul(r, _LUMA[0]),
                                             arithmetic.mul(g, _LUMA[1])),
                              arithmetic.mul(b, _LUMA[2]))
    else:
        gray = x
    if method == "otsu":
        thresh = _otsu(gray, x.shape[0] * x.shape[1])
    else:
        thresh = arithmetic.mul(creation.tensor1d([tv], "float32"), 255)
    cond = logical.less_equal(gray, thresh) if inverted else logical.greater(gray, thresh)
    return cast_to(arithmetic.mul(cast_to(cond, "int32"), 255), "int32")


def _otsu(gray: Tensor, total: int) -> Tensor:
    """TF.js's Otsu threshold: over the 256-bin histogram of ``round(gray)``, the first bin
    index ``t`` (0..254) maximising ``wF * wB * (meanF - meanB)**2``, or -1 if none is
    positive. Vectorised with cumulative sums (integer sums are exact, as TF.js's are for
    images below 2**24 / 255 pixels). Values outside [0, 255] are not counted."""
    ids = transformation.reshape(cast_to(basic_math.round(gray), "int32"), (-1,))
    hist = reduction.sum(creation.one_hot(ids, 256), 0)                    # int32 [256]
    bins = creation.range(0, 256, 1, "int32")
    first = slice_join.slice(reduction.cumsum(hist), [0], [255])            # t = 0..254
    first_m = slice_join.slice(reduction.cumsum(arithmetic.mul(hist, bins)), [0], [255])
    second = arithmetic.sub(reduction.sum(hist), first)
    second_m = arithmetic.sub(reduction.sum(arithmetic.mul(hist, bins)), first_m)
    f = lambda t: cast_to(t, "float32")  # noqa: E731
    n = creation.scalar(float(total), "float32")
    w_f, w_b = arithmetic.div(f(first), n), arithmetic.div(f(second), n)
    m_f = arithmetic.div(f(first_m), f(first))
    m_b = arithmetic.div(f(second_m), f(second))
    d = arithmetic.sub(m_f, m_b)
    var = arithmetic.mul(arithmetic.mul(arithmetic.mul(w_f, w_b), d), d)
    var = logical.where(basic_math.is_nan(var), creation.zeros_like(var), var)
    best = reduction.max(var)
    idx = cast_to(reduction.arg_max(var), "float32")
    return transformation.reshape(
        logical.where(logical.greater(best, 0), idx, creation.scalar(-1.0, "float32")), (1,))


# ------------------------------------------------------------------------------ non-max suppression
class NonMaxSuppressionWithScore(NamedTuple):
    """The result of :func:`non_max_suppression_with_score`."""
    selected_indices: Tensor
    selected_scores: Tensor


class NonMaxSuppressionPadded(NamedTuple):
    """The result of :func:`non_max_suppression_padded`."""
    selected_indices: Tensor
    valid_outputs: Tensor


def _nms_args(name: str, boxes: Any, scores: Any, max_output_size: Any, iou_threshold: Any,
              score_threshold: Any, soft_nms_sigma: Any = 0.0,
              float_only: bool = False) -> tuple[Tensor, Tensor, dict]:
    """TF.js ``nonMaxSuppSanityCheck``: None takes the default, ``max_output_size`` is capped
    at the number of boxes."""
    b = _parse(boxes, "boxes", name, "float32")
    s = _parse(scores, "scores", name, "float32")
    for t, arg in ((b, "boxes"), (s, "scores")):
        if t.dtype not in (("float32",) if float_only else ("float32", "int32")):
            raise TypeError(f"Argument '{arg}' passed to '{name}' must be float32 tensor, but "
                            f"got {t.dtype} tensor")
    if b.rank != 2 or b.shape[1] != 4:
        raise ShapeError(f"'{name}': boxes must have shape [num_boxes, 4], got {list(b.shape)}")
    if s.rank != 1 or s.shape[0] != b.shape[0]:
        raise ShapeError(f"'{name}': scores must have shape [{b.shape[0]}], got "
                         f"{list(s.shape)}")
    if not _int(max_output_size):
        raise TypeError(f"'{name}': max_output_size must be an int, got {max_output_size!r}")
    iou = 0.5 if iou_threshold is None else _float_arg(iou_threshold, "iou_threshold", name)
    if not 0 <= iou <= 1:
        raise ValueError(f"'{name}': iou_threshold must be in [0, 1], but was {iou}")
    st = -_INF if score_threshold is None else _float_arg(score_threshold, "score_threshold",
                                                          name)
    sigma = 0.0 if soft_nms_sigma is None else _float_arg(soft_nms_sigma, "soft_nms_sigma",
                                                          name)
    if not 0 <= sigma <= 1:
        raise ValueError(f"'{name}': soft_nms_sigma must be in [0, 1], but was {sigma}")
    attrs = {"max_output_size": min(max_output_size, b.shape[0]), "iou_threshold": iou,
             "score_threshold": st}
    return b, s, {**attrs, "soft_nms_sigma": sigma}


@op("NonMaxSuppressionV3", tf_ops=("NonMaxSuppressionV2", "NonMaxSuppressionV3"),
    namespace="image", dtype="int32", method=False, differentiable=False)
def non_max_suppression(boxes: Any, scores: Any, max_output_size: int,
                        iou_threshold: float = 0.5, score_threshold: float = -_INF) -> Tensor:
    """Greedily selects boxes by descending score, dropping boxes that overlap an already
    selected box with IoU >= ``iou_threshold``. Returns the selected box indices (int32);
    equal scores select the smaller index first, as TF.js and TF.

    Args:
        boxes: ``[num_boxes, 4]`` float32, ``[y1, x1, y2, x2]`` of any two opposite corners.
        scores: ``[num_boxes]`` float32.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap (intersection over union) in [0, 1] that suppresses.
        score_threshold: boxes scoring at most this are never selected.

    >>> import pytfjs as tf
    >>> boxes = tf.tensor([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    >>> tf.image.non_max_suppression(boxes, [0.9, 0.8, 0.7], 3).to_list()
    [0, 2]
    """
    b, s, attrs = _nms_args("image.non_max_suppression", boxes, scores, max_output_size,
                            iou_threshold, score_threshold, float_only=True)
    del attrs["soft_nms_sigma"]
    return run("NonMaxSuppressionV3", b, s, **attrs)


@op("NonMaxSuppressionV5", tf_ops=("NonMaxSuppressionV5",), namespace="image",
    dtype="int32 indices, float32 scores", method=False, differentiable=False)
def non_max_suppression_with_score(boxes: Any, scores: Any, max_output_size: int,
                                   iou_threshold: float = 0.5,
                                   score_threshold: float = -_INF,
                                   soft_nms_sigma: float = 0.0) -> NonMaxSuppressionWithScore:
    """Non-max suppression that also returns the selected scores, with optional Soft-NMS:
    with ``soft_nms_sigma > 0`` an overlapping box is not dropped but its score decays by
    ``exp(-iou**2 / (2 * sigma))`` (Bodla et al.). Returns ``(selected_indices,
    selected_scores)``.

    Args:
        boxes: ``[num_boxes, 4]``.
        scores: ``[num_boxes]``.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap that suppresses a box outright.
        score_threshold: boxes whose (decayed) score falls to this are dropped.
        soft_nms_sigma: the Soft-NMS sigma in [0, 1]; 0 is classic NMS.

    >>> import pytfjs as tf
    >>> boxes = tf.tensor([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    >>> r = tf.image.non_max_suppression_with_score(boxes, [0.9, 0.8, 0.7], 3)
    >>> r.selected_indices.to_list(), [round(v, 2) for v in r.selected_scores.to_list()]
    ([0, 2], [0.9, 0.7])
    """
    b, s, attrs = _nms_args("image.non_max_suppression_with_score", boxes, scores,
                            max_output_size, iou_threshold, score_threshold, soft_nms_sigma)
    idx, sc = run("NonMaxSuppressionV5", b, s, **attrs)
    return NonMaxSuppressionWithScore(idx, sc)


@op("NonMaxSuppressionV4", tf_ops=("NonMaxSuppressionV4",), namespace="image",
    dtype="int32", method=False, differentiable=False)
def non_max_suppression_padded(boxes: Any, scores: Any, max_output_size: int,
                               iou_threshold: float = 0.5, score_threshold: float = -_INF,
                               pad_to_max_output_size: bool = False) -> NonMaxSuppressionPadded:
    """Non-max suppression that can pad its result to a fixed length. Returns
    ``(selected_indices, valid_outputs)``: the indices (padded with zeros up to
    ``max_output_size`` when ``pad_to_max_output_size``) and the number of real ones (an int32
    scalar).

    Args:
        boxes: ``[num_boxes, 4]``.
        scores: ``[num_boxes]``.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap that suppresses.
        score_threshold: boxes scoring at most this are never selected.
        pad_to_max_output_size: pad ``selected_indices`` with zeros.

    >>> import pytfjs as tf
    >>> boxes = tf.tensor([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    >>> r = tf.image.non_max_suppression_padded(boxes, [0.9, 0.8, 0.7], 3, 0.5, 0.0, True)
    >>> r.selected_indices.to_list(), r.valid_outputs.to_list()
    ([0, 2, 0], 2)
    """
    name = "image.non_max_suppression_padded"
    b, s, attrs = _nms_args(name, boxes, scores, max_output_size, iou_threshold,
                            score_threshold)
    del attrs["soft_nms_sigma"]
    pad = _flag(pad_to_max_output_size, "pad_to_max_output_size", name)
    idx, valid = run("NonMaxSuppressionV4", b, s, **attrs, pad_to_max_output_size=pad)
    return NonMaxSuppressionPadded(idx, valid)


@op(None, namespace="image", dtype="int32", method=False, differentiable=False)
async def non_max_suppression_async(boxes: Any, scores: Any, max_output_size: int,
                                    iou_threshold: float = 0.5,
                                    score_threshold: float = -_INF) -> Tensor:
    """The awaitable form of :func:`non_max_suppression` (TF.js reads the boxes with
    ``await data()``); returns a coroutine.

    Args:
        boxes: ``[num_boxes, 4]``.
        scores: ``[num_boxes]``.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap that suppresses.
        score_threshold: boxes scoring at most this are never selected.

    >>> import asyncio, pytfjs as tf
    >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]]
    >>> asyncio.run(tf.image.non_max_suppression_async(boxes, [0.9, 0.8, 0.7], 3)).to_list()
    [0, 2]
    """
    return non_max_suppression(boxes, scores, max_output_size, iou_threshold, score_threshold)


@op(None, namespace="image", dtype="int32 indices, float32 scores", method=False,
    differentiable=False)
async def non_max_suppression_with_score_async(
        boxes: Any, scores: Any, max_output_size: int, iou_threshold: float = 0.5,
        score_threshold: float = -_INF, soft_nms_sigma: float = 0.0) -> NonMaxSuppressionWithScore:
    """The awaitable form of :func:`non_max_suppression_with_score`; returns a coroutine.

    Args:
        boxes: ``[num_boxes, 4]``.
        scores: ``[num_boxes]``.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap that suppresses a box outright.
        score_threshold: boxes whose (decayed) score falls to this are dropped.
        soft_nms_sigma: the Soft-NMS sigma in [0, 1].

    >>> import asyncio, pytfjs as tf
    >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]]
    >>> r = asyncio.run(tf.image.non_max_suppression_with_score_async(boxes, [0.9, 0.8, 0.7], 3))
    >>> r.selected_indices.to_list()
    [0, 2]
    """
    return non_max_suppression_with_score(boxes, scores, max_output_size, iou_threshold,
                                          score_threshold, soft_nms_sigma)


@op(None, namespace="image", dtype="int32", method=False, differentiable=False)
async def non_max_suppression_padded_async(
        boxes: Any, scores: Any, max_output_size: int, iou_threshold: float = 0.5,
        score_threshold: float = -_INF,
        pad_to_max_output_size: bool = False) -> NonMaxSuppressionPadded:
    """The awaitable form of :func:`non_max_suppression_padded`; returns a coroutine.

    Args:
        boxes: ``[num_boxes, 4]``.
        scores: ``[num_boxes]``.
        max_output_size: the most boxes to select.
        iou_threshold: the overlap that suppresses.
        score_threshold: boxes scoring at most this are never selected.
        pad_to_max_output_size: pad ``selected_indices`` with zeros.

    >>> import asyncio, pytfjs as tf
    >>> boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]]
    >>> r = asyncio.run(tf.image.non_max_suppression_padded_async(boxes, [0.9, 0.8, 0.7], 3))
    >>> r.selected_indices.to_list(), r.valid_outputs.to_list()
    ([0, 2], 2)
    """
    return non_max_suppression_padded(boxes, scores, max_output_size, iou_threshold,
                                      score_threshold, pad_to_max_output_size)
