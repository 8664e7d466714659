import pytest

from tests.layers.layer_test import run_layer_test


@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("dense", {"units": 3}, (2, 4), (2, 3)),
    ("dense", {"units": 2, "activation": "relu", "use_bias": False}, (2, 5, 4), (2, 5, 2)),
    ("activation", {"activation": "tanh"}, (2, 3), (2, 3)),
    ("dropout", {"rate": 0.5}, (2, 3), (2, 3)),
    ("flatten", {}, (2, 3, 4), (2, 12)),
    ("reshape", {"target_shape": [2, -1]}, (2, 3, 4), (2, 2, 6)),
    ("permute", {"dims": [2, 1]}, (2, 3, 4), (2, 4, 3)),
    ("repeat_vector", {"n": 3}, (2, 4), (2, 3, 4)),
    ("masking", {"mask_value": 0.0}, (2, 3, 4), (2, 3, 4)),
    ("spatial_dropout1d", {"rate": 0.3}, (2, 3, 4), (2, 3, 4)),
])
def test_core_layers(tf, factory, kwargs, shape, expected):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected)


def test_embedding(tf):
    run_layer_test(tf, "embedding", {"input_dim": 5, "output_dim": 3}, (2, 4), input_dtype="int32",
                   expected_output_shape=(2, 4, 3), trains=False)
