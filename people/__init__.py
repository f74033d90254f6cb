"""Employees and their record: agencies, units, history, dated status, roles and scope, due lists."""
