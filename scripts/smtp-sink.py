#!/usr/bin/env python3
"""A local SMTP sink for tests: accepts mail on a loopback port and writes each message to DIR/NNNN.eml.

Usage: smtp-sink.py DIR [--port P] [--reject]
Prints "smtp-sink: listening on 127.0.0.1:PORT" once ready (port 0, the default, lets the kernel pick a free one: the
socket bound to it is the one that serves, never released and bound again), then "smtp-sink: received NNNN.eml" as
each message is stored (before the client is told 250), so a test waits for that line instead of polling. With
--reject every recipient is refused (550), to test failed sends. Stops on SIGTERM/SIGINT.
"""
import argparse
import asyncio
import os
import signal
import socket

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory, reject):
        self.directory = directory
        self.reject = reject
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject:
            return "550 5.1.1 mailbox unavailable (test sink rejecting)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.directory, f"{self.count:04d}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(f"X-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content)
        os.replace(path + ".tmp", path)
        print(f"smtp-sink: received {os.path.basename(path)}", flush=True)
        return "250 Message accepted"


async def serve(args):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    loop = asyncio.get_running_loop()
    handler = Sink(args.directory, args.reject)
    server = await loop.create_server(lambda: SMTP(handler, hostname="roster-smtp-sink"), sock=sock)
    port = sock.getsockname()[1]
    print(f"smtp-sink: listening on 127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    # A test process may have blocked signals (its threads do) and children inherit the mask: unblock them, or
    # SIGTERM would stay pending and the sink would outlive the test.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
