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
  fetch(container.dataset.src, { credentials: "same-origin" })
    .then((response) => response.json())
    .then((data) => {
      container.timeline = new TL.Timeline(container, data, {
        script_path: scriptPath,
        font: null,
        theme: null,
        language: "en",
        ga_measurement_id: null,
        ga_property_id: null,
        track_events: [],
        soundcite: false,
        hash_bookmark: false,
        ...dayAxis(data, container.offsetWidth),
      });
    });
});

// No event is dated below the day, so the axis should never show hours. TimelineJS 3.9.11 ticks
// its axis in the finest unit whose ticks are at most 100 pixels apart (TL.TimeScale ignores
// the optimal_tick_width option), and a day is width × scale factor / span-in-days pixels wide;
// the zoom buttons step through zoom_sequence, the scale factors offered. Capping the scale
// factor where a day is 100 pixels keeps every zoom level at days or coarser: a short view is
// shown across the width, and cannot be zoomed into hours it has no events at.
const SCALE_FACTOR = 2;
const ZOOMS = [0.5, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
const TICK = 100;
const DAY = 86400000;

function dayAxis(data, width) {
  const days = (data.events || []).flatMap((slide) =>
    [slide.start_date, slide.end_date].filter(Boolean).map((d) =>
      Date.UTC(+d.year, (+d.month || 1) - 1, +d.day || 1),
    ),
  );
  const span = days.length ? (Math.max(...days) - Math.min(...days)) / DAY : 0;
  const cap = (0.95 * TICK * Math.max(span, 1)) / Math.max(width, 1);
  const zooms = ZOOMS.filter((zoom) => zoom <= cap);
  return {
    scale_factor: Math.min(SCALE_FACTOR, cap),
    zoom_sequence: zooms.length ? zooms : [cap],
  };
}
