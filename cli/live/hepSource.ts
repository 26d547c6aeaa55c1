/**
 * A HEP collector (HEPv3 spec, sipcapture.org; HEPv1/v2 from older Kamailio/OpenSIPS): listens on UDP and/or TCP
 * and hands every packet to the core's HepIntake, which restores the original addresses and times the capture
 * agent (Kamailio, OpenSIPS, Asterisk, FreeSWITCH, heplify…) recorded. Listens on 127.0.0.1 unless told otherwise.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { HepIntake } from '../../core/src/pipeline/hepIntake.ts';
import type { Timestamp } from '../../core/src/shared/time.ts';
import type { MessageRecord } from '../../core/src/sip/messageRecord.ts';
import { CaptureError } from './captureError.ts';
import type { LiveSource, SourceStats } from './liveSource.ts';

export interface HepListenOptions {
  /** Default 127.0.0.1; '0.0.0.0' or '::' to accept agents on other machines. */
  readonly address?: string;
  /** Default 9060; 0 picks free ports (UDP and TCP may then differ). */
  readonly port?: number;
  readonly udp?: boolean;
  readonly tcp?: boolean;
}

export interface HepPorts {
  readonly udp?: number;
  readonly tcp?: number;
}

function nowTimestamp(): Timestamp {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanoseconds: (ms % 1000) * 1e6 };
}

export class HepSource implements LiveSource {
  readonly timePrecisionDigits = 6;
  private readonly intake = new HepIntake();
  private readonly address: string;
  private readonly wanted: { udp: boolean; tcp: boolean; port: number };
  private udp: Socket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Set<TcpSocket>();
  private sink: ((records: readonly MessageRecord[]) => void) | undefined;
  private finish: (() => void) | undefined;
  private connectionCount = 0;
  ports: HepPorts = {};

  constructor(options: HepListenOptions = {}) {
    this.address = options.address ?? '127.0.0.1';
    const both = options.udp === undefined && options.tcp === undefined;
    this.wanted = { udp: both || options.udp === true, tcp: both || options.tcp === true, port: options.port ?? 9060 };
  }

  get label(): string {
    const parts = [this.ports.udp !== undefined ? `udp ${this.ports.udp}` : '', this.ports.tcp !== undefined ? `tcp ${this.ports.tcp}` : ''].filter(Boolean);
    return `HEP on ${this.address} (${parts.join(', ') || 'not listening'})`;
  }

  /** Binds the sockets; a CaptureError says why one cannot be bound (port in use, privileged port). */
  async listen(): Promise<HepPorts> {
    try {
      if (this.wanted.udp) await this.listenUdp();
      if (this.wanted.tcp) await this.listenTcp();
    } catch (error) {
      await this.close();
      throw listenError(error, this.address, this.wanted.port);
    }
    return this.ports;
  }

  run(sink: (records: readonly MessageRecord[]) => void): Promise<void> {
    this.sink = sink;
    return new Promise((resolve) => {
      this.finish = () => {
        const tail = this.intake.end();
        if (tail.length > 0) sink(tail);
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    await this.close();
    const finish = this.finish;
    this.finish = undefined;
    finish?.();
  }

  stats(): SourceStats {
    const s = this.intake.stats();
    return { packets: s.packets, bytes: s.bytes, sipMessages: s.sipMessages, issues: s.issues };
  }

  private deliver(records: MessageRecord[]): void {
    if (records.length > 0) this.sink?.(records);
  }

  private listenUdp(): Promise<void> {
    const socket = createSocket({ type: isIPv6(this.address) ? 'udp6' : 'udp4', recvBufferSize: 16 * 1024 * 1024 });
    this.udp = socket;
    socket.on('message', (message) => {
      if (this.sink === undefined) return;
      this.deliver(this.intake.datagram(new Uint8Array(message.buffer, message.byteOffset, message.byteLength), nowTimestamp()));
    });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.wanted.port, this.address, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        this.ports = { ...this.ports, udp: socket.address().port };
        resolve();
      });
    });
  }

  private listenTcp(): Promise<void> {
    const server = createServer((conn) => this.accept(conn));
    this.tcp = server;
    const port = this.wanted.port;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: this.address }, () => {
        server.off('error', reject);
        const address = server.address();
        this.ports = { ...this.ports, tcp: typeof address === 'object' && address !== null ? address.port : port };
        resolve();
      });
    });
  }

  private accept(conn: TcpSocket): void {
    this.connections.add(conn);
    const id = `hep-tcp-${++this.connectionCount}`;
    const src = { ip: conn.remoteAddress ?? '0.0.0.0', port: conn.remotePort ?? 0 };
    const dst = { ip: conn.localAddress ?? this.address, port: conn.localPort ?? 0 };
    conn.on('data', (data: Buffer) => {
      if (this.sink === undefined) return;
      this.deliver(this.intake.stream(id, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), nowTimestamp(), src, dst));
    });
    conn.on('error', () => undefined);
    conn.on('close', () => this.connections.delete(conn));
  }

  private async close(): Promise<void> {
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    for (const c of this.connections) c.destroy();
    await Promise.all([
      udp ? new Promise<void>((resolve) => udp.close(() => resolve())) : undefined,
      tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : undefined,
    ]);
  }
}

function listenError(error: unknown, address: string, port: number): CaptureError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new CaptureError('listen-failed', `port ${port} on ${address} is already in use (another HEP collector?): choose another with --port`);
  if (code === 'EACCES') return new CaptureError('listen-failed', `no permission to listen on port ${port}: ports below 1024 need privileges; use the default 9060 or another port ≥ 1024`);
  if (code === 'EADDRNOTAVAIL' || code === 'EINVAL') return new CaptureError('listen-failed', `cannot listen on ${address}: it is not an address of this machine`);
  return new CaptureError('listen-failed', `cannot listen on ${address}:${port}: ${(error as Error).message}`);
}
