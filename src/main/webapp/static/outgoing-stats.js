// Broadcaster page: what the browser sends of its video (bitrate, size, frame rate), once a second.
import { formatBitrate } from './signaling.js';

export class OutgoingStats {
  constructor(element) {
    this.element = element;
    this.timer = null;
    this.last = null;
    this.note = '';
  }

  /** A remark shown after the figures, e.g. a layer the server paused; '' for none. */
  setNote(note) {
    this.note = note;
  }

  /** Polls the peer connection `source()` gives until it gives null (a torn-down one) or stop(). */
  start(source) {
    this.stop();
    this.element.textContent = 'Waiting for media…';
    this.timer = setInterval(async () => {
      const current = source();
      if (!current) return;
      let video = null;
      let bytes = 0;
      try {
        const report = await current.getStats();
        report.forEach((s) => {
          if (s.type !== 'outbound-rtp' || (s.kind ?? s.mediaType) !== 'video') return;
          bytes += s.bytesSent ?? 0; // summed in case of several encodings
          if (!video || (s.frameWidth ?? 0) > (video.frameWidth ?? 0)) video = s;
        });
      } catch {
        return;
      }
      if (!video || !source()) return;
      const now = video.timestamp;
      let bitrate = 0;
      if (this.last && now > this.last.time) bitrate = ((bytes - this.last.bytes) * 8) / ((now - this.last.time) / 1000);
      this.last = { bytes, time: now };
      const size = video.frameWidth ? `${video.frameWidth}×${video.frameHeight}` : '–';
      const fps = video.framesPerSecond != null ? `${Math.round(video.framesPerSecond)} fps` : '– fps';
      this.element.textContent = `↑ ${formatBitrate(bitrate)} · ${size} · ${fps}${this.note ? ` · ${this.note}` : ''}`;
    }, 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.last = null;
    this.note = '';
    this.element.textContent = 'Not streaming';
  }
}
