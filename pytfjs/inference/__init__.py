"""Inference-time optimisation (needs NumPy: weights are folded on the host in float64).

- :func:`pytfjs.inference.graph_rewrite.optimize_graph`: the GraphModel rewrite pass (fold batch
  norm and per-channel constants into convolutions, fuse bias and activations, constant folding),
  run by ``tf.load_graph_model`` (``optimize=False`` turns it off).
- :func:`pytfjs.inference.layers_fold.optimize_for_inference`: ``model.optimize_for_inference()``
  for layers models.

This package is outside the standard-library core (``core``, ``ops``, ``layers``, ``io``,
``graph``): without NumPy (Pyodide) models simply run unoptimised.
"""
