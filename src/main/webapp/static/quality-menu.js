// Viewer page: the quality menu. Auto lets the server pick the simulcast layer the viewer's
// network carries; High, Medium and Low fix one. A broadcast without simulcast has one layer:
// High and Medium get it whole, Low its base temporal layer (fewer frames) where it has temporal
// layers. The choice outlives a reconnection. The stats overlay shows the layer the server chose
// and the bandwidth it estimates (`layer-changed`).
import { formatBitrate } from './signaling.js';

const REASONS = {
  'chosen-by-viewer': 'chosen',
  'fits-estimate': 'fits the estimate',
  'lowest-below-estimate': 'lowest; the estimate is below it',
  held: 'held',
  'lost-after-up': 'lower; the layer above lost packets',
  'no-layer': 'none sending',
};

export class QualityMenu {
  /** `fields`: {layer, estimate}, the overlay's elements. */
  constructor(select, note, fields) {
    this.select = select;
    this.note = note;
    this.fields = fields;
    this.signaling = null;
    this.consumerId = null;
    this.latest = null;
    this.simulcast = null; // from the server's reply to the choice: null until it comes
    select.addEventListener('change', () => this.apply());
  }

  /** A new viewing: tells the server the choice, and learns whether the broadcast has layers. */
  attach(signaling, consumerId) {
    this.signaling = signaling;
    this.consumerId = consumerId;
    if (this.latest) this.delivered(this.latest);
    return this.apply();
  }

  detach() {
    this.consumerId = null;
    this.simulcast = null;
    this.fields.layer.textContent = '–';
    this.fields.estimate.textContent = '–';
  }

  /** The server's `layer-changed` event about the current viewing. */
  delivered(msg) {
    this.latest = msg; // it may come before the consume reply that names the viewing
    if (msg.consumerId !== this.consumerId) return;
    const temporal = msg.temporalLayer != null ? `, temporal layer ${msg.temporalLayer}` : '';
    const one = this.simulcast === false && msg.reason && msg.reason !== 'no-layer'; // no rid: no simulcast
    const layer = msg.layer ?? (one ? 'one layer' : null);
    this.fields.layer.textContent = layer ? `${layer} (${REASONS[msg.reason] ?? msg.reason}${temporal})` : '–';
    this.fields.estimate.textContent = msg.estimateBps != null ? formatBitrate(msg.estimateBps) : '–';
  }

  async apply() {
    if (!this.signaling || !this.consumerId) return;
    const consumerId = this.consumerId;
    try {
      const reply = await this.signaling.request('set-quality', { consumerId, quality: this.select.value });
      if (consumerId !== this.consumerId) return;
      this.simulcast = reply.simulcast;
      if (this.latest) this.delivered(this.latest);
      this.note.textContent = reply.simulcast ? '' : 'One layer: Low takes fewer frames where it can.';
    } catch (err) {
      console.warn('beam: the quality choice was not taken', err);
    }
  }
}
