// Viewer page: what the browser receives of its video (size, frame rate, bitrate, loss, frames
// decoded, NACKs sent), once a second, into the stats overlay's fields.
import { formatBitrate } from './signaling.js';

export class IncomingStats {
  /** `fields`: {resolution, fps, bitrate, loss, decoded, nacks}, the overlay's elements. */
  constructor(fields) {
    this.fields = fields;
    this.timer = null;
    this.last = null;
  }

  /** Polls the peer connection `source()` gives until it gives null (a torn-down one) or stop(). */
  start(source) {
    this.stop();
    this.timer = setInterval(async () => {
      const current = source();
      if (!current) return;
      let video = null;
      try {
        const report = await current.getStats();
        report.forEach((s) => {
          if (s.type === 'inbound-rtp' && (s.kind ?? s.mediaType) === 'video') video = s;
        });
      } catch {
        return;
      }
      if (!video || !source()) return;
      this.render(video);
    }, 1000);
  }

  render(s) {
    const bytes = s.bytesReceived ?? 0;
    let bitrate = 0;
    if (this.last && s.timestamp > this.last.time) {
      bitrate = ((bytes - this.last.bytes) * 8) / ((s.timestamp - this.last.time) / 1000);
    }
    this.last = { bytes, time: s.timestamp };
    const lost = Math.max(0, s.packetsLost ?? 0);
    const total = (s.packetsReceived ?? 0) + lost;
    this.fields.resolution.textContent = s.frameWidth ? `${s.frameWidth}×${s.frameHeight}` : '–';
    this.fields.fps.textContent = s.framesPerSecond != null ? `${Math.round(s.framesPerSecond)}` : '–';
    this.fields.bitrate.textContent = formatBitrate(bitrate);
    this.fields.loss.textContent = total > 0 ? `${((lost / total) * 100).toFixed(1)} %` : '0.0 %';
    this.fields.decoded.textContent = String(s.framesDecoded ?? 0);
    this.fields.nacks.textContent = String(s.nackCount ?? 0);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.last = null;
    Object.values(this.fields).forEach((dd) => { dd.textContent = '–'; });
  }
}
