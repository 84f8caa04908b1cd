import { createServer } from "node:net";

/**
 * A loopback port nothing listens on now, for a server that must know its own port before it starts (the PNG
 * routes render through it; an e2e server's NEXTAUTH_URL names it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
