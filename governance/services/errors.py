from archive.services.errors import Refused


class GovernanceRefused(Refused):
    """A governance step the service will not take (code: invalid 400, conflict 409, forbidden 403)."""
