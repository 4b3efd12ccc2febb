// The viewer page's player: plays the broadcast's tracks in the video element, shows the
// "No stream" and loading states over it, and wires its controls (sound, stats, full screen).

export class Player {
  /**
   * @param ui the page's elements: player, video, noStream, loading, unmute, statsButton,
   *           statsOverlay, fullscreen
   * @param status the page's StatusLine
   * @param receiving tells whether a peer connection is current, so a late "playing" of an old one is ignored
   */
  constructor(ui, status, receiving) {
    this.ui = ui;
    this.status = status;
    this.receiving = receiving;
    this.consuming = false; // a pc exists and media has not started playing yet
    this.playing = false;
    this.autoMuted = false; // the browser refused unmuted playback, so we muted it again
    this.wireControls();
    this.updateOverlay();
  }

  /** A media session starts: show the loading state until its media plays. */
  loading() {
    this.consuming = true;
    this.updateOverlay();
  }

  /** Adds a received track (event of the pc's "track") to the video and plays it. */
  attachTrack(event) {
    const video = this.ui.video;
    // Both transceivers usually share one stream; without one, collect the tracks ourselves.
    let stream = event.streams[0];
    if (!stream) {
      stream = video.srcObject instanceof MediaStream ? video.srcObject : new MediaStream();
      if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
    }
    if (video.srcObject !== stream) video.srcObject = stream;
    this.play();
  }

  /** Empties the video and shows the "No stream available" state. */
  clear() {
    this.consuming = false;
    this.playing = false;
    this.ui.video.pause();
    this.ui.video.srcObject = null;
    this.updateOverlay();
  }

  play() {
    const video = this.ui.video;
    video.play().catch((err) => {
      if (err.name !== 'NotAllowedError') return; // AbortError: a newer load replaced this one
      if (!video.muted) {
        // Sound was on but the browser refuses unmuted autoplay: play muted instead.
        video.muted = true;
        this.autoMuted = true;
        this.play();
      } else {
        this.status.show('Press “Unmute” to start playback.');
      }
    });
  }

  updateOverlay() {
    const { noStream, loading, player } = this.ui;
    noStream.hidden = this.playing || this.consuming;
    loading.hidden = this.playing || !this.consuming;
    player.classList.toggle('is-playing', this.playing);
  }

  wireControls() {
    const ui = this.ui;
    const status = this.status;
    ui.video.addEventListener('playing', () => {
      if (!this.receiving()) return;
      this.playing = true;
      this.consuming = false;
      this.updateOverlay();
      if (this.autoMuted) status.show('Sound is off. Press “Unmute” to hear the stream.');
      else status.clear();
    });
    ui.unmute.addEventListener('click', () => {
      ui.video.muted = !ui.video.muted;
      this.autoMuted = false;
      if (status.element.dataset.kind !== 'error') status.clear();
      if (ui.video.srcObject && ui.video.paused) this.play();
    });
    ui.video.addEventListener('volumechange', () => {
      ui.unmute.textContent = ui.video.muted ? 'Unmute' : 'Mute';
    });
    ui.statsButton.addEventListener('click', () => {
      const show = ui.statsOverlay.hidden;
      ui.statsOverlay.hidden = !show;
      ui.statsButton.setAttribute('aria-expanded', String(show));
    });
    const canFullscreen = document.fullscreenEnabled || typeof ui.video.webkitEnterFullscreen === 'function';
    ui.fullscreen.hidden = !canFullscreen;
    ui.fullscreen.addEventListener('click', () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      else if (document.fullscreenEnabled) ui.player.requestFullscreen().catch(() => {});
      else ui.video.webkitEnterFullscreen(); // iOS Safari: only the video element can go full screen
    });
    document.addEventListener('fullscreenchange', () => {
      ui.fullscreen.textContent = document.fullscreenElement ? 'Exit full screen' : 'Full screen';
    });
  }
}
