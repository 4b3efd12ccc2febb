// Broadcaster page: the camera and microphone, their preview, and turning each off and on.
const MEDIA_CONSTRAINTS = {
  audio: true,
  video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
};

export class Camera {
  /** `ui`: the preview `video`, its `placeholder`, and the `mic` and `camera` buttons. */
  constructor(ui) {
    this.ui = ui;
    this.stream = null;
  }

  async start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw Object.assign(new Error('getUserMedia unavailable'), { name: 'NotSupportedError' });
    }
    this.stream = await navigator.mediaDevices.getUserMedia(MEDIA_CONSTRAINTS);
    this.ui.video.srcObject = this.stream;
    this.ui.placeholder.hidden = true;
    this.ui.video.play().catch(() => { /* muted preview; autoplay attribute covers it */ });
    this.ui.mic.disabled = this.stream.getAudioTracks().length === 0;
    this.ui.camera.disabled = this.stream.getVideoTracks().length === 0;
  }

  /** Turns the `audio` or `video` track off, or on again; its button says which. */
  toggle(kind) {
    if (!this.stream) return;
    const tracks = kind === 'audio' ? this.stream.getAudioTracks() : this.stream.getVideoTracks();
    if (tracks.length === 0) return;
    const enabled = !tracks[0].enabled;
    tracks.forEach((t) => { t.enabled = enabled; });
    const button = kind === 'audio' ? this.ui.mic : this.ui.camera;
    button.classList.toggle('is-off', !enabled);
    if (kind === 'audio') button.textContent = enabled ? 'Mute mic' : 'Unmute mic';
    else button.textContent = enabled ? 'Turn camera off' : 'Turn camera on';
  }
}

/** What to tell the user when getUserMedia failed. */
export function cameraErrorText(err) {
  switch (err.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera or microphone access was blocked. Allow it in your browser’s site settings and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera or microphone was found.';
    case 'NotReadableError':
      return 'Your camera or microphone is in use by another application.';
    case 'NotSupportedError':
      return 'This browser cannot capture the camera here (a secure https:// page is required).';
    default:
      return `Could not start streaming: ${err.message || err.name}`;
  }
}
