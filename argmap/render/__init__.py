"""Renderers: model and graph in, text out (HTML map, DOT, briefs, ...). Writing is separate."""
