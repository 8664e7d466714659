"""GraphModel: run TF graphs converted by the TF.js converter (``tf.load_graph_model``)."""
from .executor import UnsupportedOpError
from .model import GraphModel, deregister_op, load_graph_model, register_op

__all__ = ["GraphModel", "load_graph_model", "register_op", "deregister_op", "UnsupportedOpError"]
