"""Writes of the governance domain, one module per concern (releases, consent, organisation, catalogue,
data requests, retention, incidents, questions). Every step is audited."""
