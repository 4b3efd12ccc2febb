// Viewer page: the quality menu. Auto lets the server pick the simulcast layer the viewer's
// network carries; High, Medium and Low fix one. The choice outlives a reconnection.

export class QualityMenu {
  constructor(select, note) {
    this.select = select;
    this.note = note;
    this.signaling = null;
    this.consumerId = null;
    select.addEventListener('change', () => this.apply());
  }

  /** A new viewing: tells the server the choice, and learns whether the broadcast has layers. */
  attach(signaling, consumerId) {
    this.signaling = signaling;
    this.consumerId = consumerId;
    return this.apply();
  }

  detach() {
    this.consumerId = null;
  }

  async apply() {
    if (!this.signaling || !this.consumerId) return;
    const consumerId = this.consumerId;
    try {
      const reply = await this.signaling.request('set-quality', { consumerId, quality: this.select.value });
      if (consumerId !== this.consumerId) return;
      this.select.disabled = !reply.simulcast;
      this.note.textContent = reply.simulcast ? '' : 'This broadcast has one quality.';
    } catch (err) {
      console.warn('beam: the quality choice was not taken', err);
    }
  }
}
