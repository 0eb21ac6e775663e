import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Points new connections at other backends (a Service whose endpoints changed). */
  route(ports: number[]): void;
  /** Cuts every open connection, as a failover does to the clients of the old primary. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * What a Kubernetes Service does for the multi-node run: one stable address in
 * front of replicas, a backend that refuses a connection skipped for the next.
 * The cluster's `motcua-pg-rw` Service is re-pointed at the new primary the
 * same way by CloudNativePG.
 */
export async function startTcpProxy(port: number, backends: number[]): Promise<TcpProxy> {
  let ports = [...backends];
  let next = 0;
  const open = new Set<Socket>();
  const attach = (client: Socket, attempt: number) => {
    if (attempt >= ports.length) {
      client.destroy();
      return;
    }
    const target = ports[next++ % ports.length];
    const upstream = connect(target, '127.0.0.1');
    upstream.once('connect', () => {
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    upstream.once('error', () => {
      if (!open.has(upstream)) attach(client, attempt + 1);
    });
  };
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => undefined);
    attach(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    route(newPorts) {
      ports = [...newPorts];
    },
    dropConnections() {
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
