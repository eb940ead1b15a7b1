import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/**
 * A kafkajs socket factory with an off switch: the real broker stays up while this client's
 * connections are cut, which is how tests stage a Kafka outage without stopping a broker
 * other tests share.
 */
export class SwitchableNetwork {
  private up = true;
  private readonly open = new Set<net.Socket>();

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port }, onConnect);
    if (!this.up) {
      process.nextTick(() => socket.destroy(new Error('network is down (test)')));
      return socket;
    }
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  };

  cut(): void {
    this.up = false;
    for (const s of this.open) s.destroy(new Error('network cut (test)'));
    this.open.clear();
  }

  restore(): void {
    this.up = true;
  }
}
