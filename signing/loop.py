"""An asyncio event loop on a thread of its own, for the long-lived signing and validation objects.

pyHanko's signing and validation are coroutines. Running them with `run_until_complete` on the
caller's thread fails wherever that thread already runs a loop (an async Django view, a test that
drives a browser); a loop thread serves any caller, and keeps one HTTP session alive between calls.
"""
from __future__ import annotations

import asyncio
import threading


class LoopThread:
    def __init__(self, name: str):
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, coroutine):
        """Run a coroutine on the loop and wait for its result (exceptions propagate)."""
        return self.submit(coroutine).result()

    def submit(self, coroutine):
        """Schedule a coroutine on the loop; its concurrent.futures.Future, not waited for."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    @property
    def closed(self) -> bool:
        return self.loop.is_closed()

    def close(self) -> None:
        if self.loop.is_closed():
            return
        self.run(self.loop.shutdown_asyncgens())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()
