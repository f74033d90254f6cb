"""The governance API (issue 25): thin views, an input and an output serializer each, the work in services."""
