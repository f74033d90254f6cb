"""Messages to users: the inbox, email, weekly digests."""
