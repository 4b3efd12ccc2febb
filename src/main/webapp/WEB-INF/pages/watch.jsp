<%@ page session="false" contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="dark">
  <title>Watch · Beam</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/beam.css">
  <!-- Every module the page imports, fetched at once rather than level by level as imports are found. -->
  <link rel="modulepreload" href="/static/signaling.js">
  <link rel="modulepreload" href="/static/incoming-stats.js">
  <link rel="modulepreload" href="/static/quality-menu.js">
  <link rel="modulepreload" href="/static/ice-restart.js">
  <link rel="modulepreload" href="/static/token.js">
  <link rel="modulepreload" href="/static/codec-preference.js">
  <link rel="modulepreload" href="/static/simulcast.js">
  <link rel="modulepreload" href="/static/player.js">
  <script type="module" src="/static/watch.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="topbar">
    <a class="brand" href="/watch" id="brand-link" aria-label="Beam home">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle cx="16" cy="16" r="4.5" fill="currentColor" class="brand-dot"/>
        <path d="M9.2 9.2a9.6 9.6 0 0 0 0 13.6M22.8 9.2a9.6 9.6 0 0 1 0 13.6" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>
      </svg>
      <span>Beam</span>
    </a>
    <p class="room-chip"><span class="room-chip-label">Room</span> <span id="room-name">main</span></p>
    <nav class="topnav" aria-label="Pages">
      <a class="topnav-link topnav-link-small" id="stream-link" href="/stream">Go live</a>
    </nav>
  </header>

  <main id="main" class="layout layout-watch">
    <h1 class="visually-hidden">Watch the stream</h1>
    <section class="stage" aria-label="Stream">
      <div id="player" class="video-frame">
        <video id="remote-video" autoplay playsinline muted></video>
        <div class="video-message">
          <p id="no-stream" class="no-stream">No stream available</p>
          <p id="stream-loading" class="stream-loading" hidden>Connecting to the stream…</p>
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
        <div id="stats-overlay" class="stats-overlay" hidden aria-label="Stream statistics">
          <dl class="stats-list">
            <div><dt>Resolution</dt><dd id="stat-resolution">–</dd></div>
            <div><dt>Frame rate</dt><dd id="stat-fps">–</dd></div>
            <div><dt>Bitrate</dt><dd id="stat-bitrate">–</dd></div>
            <div><dt>Packet loss</dt><dd id="stat-loss">–</dd></div>
            <div><dt>Frames decoded</dt><dd id="stat-decoded">–</dd></div>
            <div><dt>NACKs</dt><dd id="stat-nacks">–</dd></div>
            <div><dt>Layer</dt><dd id="stat-layer">–</dd></div>
            <div><dt>Estimate</dt><dd id="stat-estimate">–</dd></div>
          </dl>
        </div>
      </div>

      <div class="player-controls" role="toolbar" aria-label="Player controls">
        <button id="unmute-button" class="button button-secondary" type="button">Unmute</button>
        <button id="stats-button" class="button button-secondary" type="button" aria-expanded="false" aria-controls="stats-overlay">Stats</button>
        <button id="fullscreen-button" class="button button-secondary" type="button">Full screen</button>
        <label class="quality-menu">Quality
          <select id="quality-select">
            <option value="auto" selected>Auto</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </label>
        <span id="quality-note" class="fine-print"></span>
      </div>
    </section>

    <div id="status" class="status" role="status" aria-live="polite" hidden></div>
    <form id="token-form" hidden>
      <label class="field-label" for="token-input">This room needs an access token</label>
      <div class="share-row">
        <input id="token-input" class="text-input" type="password" autocomplete="off" spellcheck="false">
        <button class="button button-secondary" type="submit">Use token</button>
      </div>
    </form>

    <p class="fine-print">Want to broadcast? <a id="stream-link-footer" href="/stream">Go live in this room</a></p>
  </main>
</body>
</html>
