// Starts TimelineJS on the presentation page (templates/timeline/presentation.html).
// An external file because the CSP allows no inline script. TimelineJS is told to load
// nothing from elsewhere: no web font (font: null), no theme, no analytics, and its
// script_path (from which it would resolve fonts and locales) is our vendored copy.
document.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("presentation");
  if (!container || typeof TL === "undefined") return;
  // TimelineJS sizes itself from its container; fill the window below the heading.
  const top = container.getBoundingClientRect().top + window.scrollY;
  container.style.height = `${Math.max(560, window.innerHeight - top - 16)}px`;
  const scriptPath = new URL(".", new URL(container.dataset.script, document.baseURI)).href;
  container.timeline = new TL.Timeline(container, container.dataset.src, {
    script_path: scriptPath,
    font: null,
    theme: null,
    language: "en",
    ga_measurement_id: null,
    ga_property_id: null,
    track_events: [],
    soundcite: false,
    hash_bookmark: false,
  });
});
