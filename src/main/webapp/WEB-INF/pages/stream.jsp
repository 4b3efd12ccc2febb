<%@ page session="false" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="dark">
  <title>Go live · Beam</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/beam.css">
  <!-- Every module the page imports, fetched at once rather than level by level as imports are found. -->
  <link rel="modulepreload" href="/static/signaling.js">
  <link rel="modulepreload" href="/static/camera.js">
  <link rel="modulepreload" href="/static/outgoing-stats.js">
  <link rel="modulepreload" href="/static/codec-preference.js">
  <link rel="modulepreload" href="/static/simulcast.js">
  <link rel="modulepreload" href="/static/token.js">
  <link rel="modulepreload" href="/static/ice-restart.js">
  <link rel="modulepreload" href="/static/camera-tracks.js">
  <link rel="modulepreload" href="/static/share-link.js">
  <script type="module" src="/static/stream.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="topbar">
    <a class="brand" href="/stream" aria-label="Beam home">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="4.5" fill="currentColor" class="brand-dot"/>
        <path d="M9.2 9.2a9.6 9.6 0 0 0 0 13.6M22.8 9.2a9.6 9.6 0 0 1 0 13.6" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>
      </svg>
      <span>Beam</span>
    </a>
    <p class="room-chip"><span class="room-chip-label">Room</span> <span id="room-name">main</span></p>
    <nav class="topnav" aria-label="Pages">
      <a class="topnav-link" id="watch-nav-link" href="/watch">Viewer page</a>
    </nav>
  </header>

  <main id="main" class="layout layout-stream">
    <section class="stage" aria-labelledby="preview-heading">
      <h1 id="preview-heading" class="visually-hidden">Broadcast</h1>
      <div class="video-frame">
        <video id="local-video" autoplay playsinline muted></video>
        <div id="preview-placeholder" class="video-placeholder">
          <p class="placeholder-camera">Your camera preview appears here when you start streaming</p>
        </div>
        <div class="video-badges">
          <span id="live-state" class="live-badge" data-state="connecting">Connecting…</span>
          <span class="viewer-badge" title="Viewers">
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M12 5C6.5 5 2.7 9.2 1.5 12c1.2 2.8 5 7 10.5 7s9.3-4.2 10.5-7C21.3 9.2 17.5 5 12 5Zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9Zm0-2.3a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4Z" fill="currentColor"/>
            </svg>
            <span id="viewer-count">0</span>
            <span class="visually-hidden">viewers</span>
          </span>
        </div>
      </div>
      <p id="outgoing-stats" class="stats-line" aria-label="Outgoing stream statistics">Not streaming</p>
    </section>

    <aside class="panel" aria-label="Broadcast controls">
      <div id="status" class="status" role="status" aria-live="polite" hidden></div>
      <form id="token-form" hidden>
        <label class="field-label" for="token-input">This room needs an access token</label>
        <div class="share-row">
          <input id="token-input" class="text-input" type="password" autocomplete="off" spellcheck="false">
          <button class="button button-secondary" type="submit">Use token</button>
        </div>
      </form>

      <button id="start-button" class="button button-primary button-large" type="button" disabled>Start Streaming</button>

      <div class="device-toggles" role="group" aria-label="Devices">
        <button id="mic-button" class="button button-secondary" type="button" disabled>Mute mic</button>
        <button id="camera-button" class="button button-secondary" type="button" disabled>Turn camera off</button>
      </div>

      <div class="share">
        <h2 class="panel-heading">Share with viewers</h2>
        <label class="field-label" for="share-url">Watch link for this room</label>
        <div class="share-row">
          <input id="share-url" class="text-input" type="text" readonly value="">
          <button id="copy-button" class="button button-secondary" type="button">Copy link</button>
        </div>
        <p class="share-hint"><a id="watch-link" href="/watch" target="_blank" rel="noopener">Open the viewer page in a new tab</a></p>
        <p id="copy-feedback" class="copy-feedback" aria-live="polite"></p>
      </div>

      <p class="fine-print">Your browser will ask for camera and microphone access when you start.</p>
    </aside>
  </main>
</body>
</html>
