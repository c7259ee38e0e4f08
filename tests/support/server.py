"""The real ASGI app under uvicorn, on a free loopback port, inside the test event loop."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from tests.support.ports import free_port


@dataclass
class RunningServer:
    app: Starlette
    server: uvicorn.Server
    task: asyncio.Task[None]
    url: str

    @classmethod
    async def start(cls, app: Starlette) -> RunningServer:
        port = free_port()
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
            access_log=False,
        )
        server = uvicorn.Server(config)
        task = asyncio.create_task(server.serve())
        for _ in range(500):
            if server.started:
                break
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        else:
            raise RuntimeError("uvicorn did not start")
        return cls(app, server, task, f"http://127.0.0.1:{port}")

    async def stop(self) -> None:
        self.server.should_exit = True
        await asyncio.wait_for(self.task, timeout=30)
