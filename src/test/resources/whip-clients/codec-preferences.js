// The codecs a publisher page offers for video: only the one under test (`video/VP8`,
// `video/H264`), H.264 with packetization-mode 1 (what the server takes) before mode 0, and RTX,
// as a browser offers it. With nothing else in the offer the server has only that codec to choose.
export function onlyCodec(mimeType) {
  const mode1First = c => /packetization-mode=1/.test(c.sdpFmtpLine || '') ? 0 : 1;
  const all = RTCRtpReceiver.getCapabilities('video').codecs;
  return [
    ...all.filter(c => c.mimeType === mimeType).sort((a, b) => mode1First(a) - mode1First(b)),
    ...all.filter(c => c.mimeType === 'video/rtx'),
  ];
}
