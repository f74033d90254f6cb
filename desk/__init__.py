"""The service desk: the service catalogue, service requests, data updates, collective updates."""
