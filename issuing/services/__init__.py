"""Writes. Each function is named <entity>_<action> and takes keyword-only arguments."""
