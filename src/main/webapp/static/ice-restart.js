// ICE restarts (RFC 8445 §9) of a page's media connection, through signaling: when the connection
// stays disconnected for a while, or fails, the page makes an offer with new ICE credentials and
// the server answers on the same session, which keeps its DTLS and SRTP. The media comes back
// without a reload and without leaving the room: a phone moving from Wi-Fi to 4G, a path that
// broke for a while.

const DISCONNECTED_GRACE_MS = 2000; // 'disconnected' often heals by itself within a second or two
const RETRY_MS = 3000; // a restart that has not connected by then is tried again

export class IceRestarter {
  /**
   * Watches `pc`, the media connection of the server's transport `transportId`. `onLost(reason)`
   * is called once if the server no longer knows the transport: the page must start over.
   */
  constructor(signaling, pc, transportId, onLost) {
    this.signaling = signaling;
    this.pc = pc;
    this.transportId = transportId;
    this.onLost = onLost;
    this.timer = null;
    this.running = false;
    this.stopped = false;
    this.listener = () => this.onState(pc.connectionState);
    pc.addEventListener('connectionstatechange', this.listener);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.pc.removeEventListener('connectionstatechange', this.listener);
  }

  onState(state) {
    if (state === 'connected') {
      clearTimeout(this.timer);
      this.timer = null;
    } else if (state === 'disconnected') {
      this.schedule(DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      clearTimeout(this.timer);
      this.timer = null;
      this.schedule(0);
    }
  }

  schedule(delayMs) {
    if (this.stopped || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.restart();
    }, delayMs);
  }

  async restart() {
    if (this.stopped || this.running || this.pc.connectionState === 'connected') return;
    if (!this.signaling.connected) {
      this.schedule(RETRY_MS); // the socket reconnects by itself; restart once it is back
      return;
    }
    this.running = true;
    try {
      const offer = await this.pc.createOffer({ iceRestart: true });
      await this.pc.setLocalDescription(offer);
      const reply = await this.signaling.request('restart-ice',
        { transportId: this.transportId, sdp: this.pc.localDescription.sdp });
      if (this.stopped) return;
      await this.pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
    } catch (err) {
      if (this.stopped) return;
      if (err.code === 'unknown-transport') {
        this.stop();
        this.onLost('the server closed the media session');
        return;
      }
      console.warn('beam: ICE restart failed', err);
    } finally {
      this.running = false;
    }
    if (!this.stopped && this.pc.connectionState !== 'connected') this.schedule(RETRY_MS);
  }
}
