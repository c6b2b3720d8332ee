"""Exporters: one module per format, each a function from the graph/model to text."""
