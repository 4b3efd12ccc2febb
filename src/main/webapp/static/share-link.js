// The broadcaster page's links to the room's viewer page, and the button that copies it.

const COPIED_SHOWN_MS = 2500;

/** Points the page's watch links at the room and wires the copy button. */
export function showShareLink(room, ui) {
  const watchUrl = `${location.origin}/watch?room=${encodeURIComponent(room)}`;
  ui.shareUrl.value = watchUrl;
  ui.watchLink.href = watchUrl;
  ui.watchNav.href = `/watch?room=${encodeURIComponent(room)}`;
  ui.copy.addEventListener('click', () => copyLink(ui));
  ui.shareUrl.addEventListener('focus', () => ui.shareUrl.select());
}

async function copyLink(ui) {
  const url = ui.shareUrl.value;
  let ok = false;
  try {
    await navigator.clipboard.writeText(url);
    ok = true;
  } catch {
    // Clipboard API needs a secure context; fall back to the selection.
    ui.shareUrl.select();
    try { ok = document.execCommand('copy'); } catch { ok = false; }
  }
  ui.copyFeedback.textContent = ok ? 'Link copied to the clipboard.' : 'Select the link and copy it yourself.';
  ui.copy.textContent = ok ? 'Copied' : 'Copy link';
  setTimeout(() => {
    ui.copy.textContent = 'Copy link';
    ui.copyFeedback.textContent = '';
  }, COPIED_SHOWN_MS);
}
