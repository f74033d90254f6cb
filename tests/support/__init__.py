"""Test infrastructure shared across test packages: real services started for the tests."""
