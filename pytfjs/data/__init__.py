"""Small datasets and data utilities."""
