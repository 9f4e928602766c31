import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Slack's Socket Mode end on 127.0.0.1: a minimal WebSocket server (RFC 6455, text frames, ping/pong, close)
 * that says hello, delivers envelopes, and records the app's acks.
 */
export interface SocketModeStandIn {
  url: string;
  connected: Promise<void>;
  acks: Array<Record<string, unknown>>;
  deliver(envelope: Record<string, unknown>): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** How many times the app has connected. */
  connections(): number;
  /** Resolves once the app has connected `count` times in all. */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Cuts the current connection without a close frame, as a network failure does. */
  dropConnection(): void;
  close(): Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.from([0x80 | opcode, length]) : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
  if (length >= 65536) throw new Error('stand-in frames are small');
  return Buffer.concat([header, payload]);
}

/** Reads whole client frames (always masked) from the buffer; returns what is left over. */
function readFrames(buffer: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  let rest = buffer;
  while (rest.length >= 2) {
    const opcode = rest[0]! & 0x0f;
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) break;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) break;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    if (rest.length < offset + 4 + length) break;
    const mask = rest.subarray(offset, offset + 4);
    const payload = Buffer.from(rest.subarray(offset + 4, offset + 4 + length).map((byte, i) => byte ^ mask[i % 4]!));
    onFrame(opcode, payload);
    rest = rest.subarray(offset + 4 + length);
  }
  return rest;
}

export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
  const acks: Array<Record<string, unknown>> = [];
  const sockets = new Set<Socket>();
  let current: Socket | undefined;
  let connectionCount = 0;
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => {
    onConnected = resolve;
  });
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (request, socket: Socket) => {
    sockets.add(socket);
    const accept = createHash('sha1').update(`${request.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    current = socket;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = readFrames(Buffer.concat([pending, chunk]), (opcode, payload) => {
        if (opcode === 0x1) acks.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) socket.end(frame(0x8, Buffer.alloc(0)));
      });
    });
    socket.on('error', () => undefined);
    socket.write(
      frame(
        0x1,
        Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } })),
      ),
    );
    connectionCount += 1;
    onConnected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected,
    acks,
    deliver: (envelope) => {
      if (!current) throw new Error('the app has not connected');
      current.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    waitForAck: async (envelopeId, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ack = acks.find((entry) => entry.envelope_id === envelopeId);
        if (ack) return ack;
        if (Date.now() > deadline) throw new Error(`no ack for ${envelopeId}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    connections: () => connectionCount,
    waitForConnections: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (connectionCount < count) {
        if (Date.now() > deadline) throw new Error(`the app connected ${connectionCount} times, not ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    dropConnection: () => {
      current?.destroy();
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
