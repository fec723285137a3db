// Progressive enhancement only: every page works without this file.
// Drop empty filter fields from htmx requests so the pushed, shareable URL stays short
// (?actor=12 rather than ?q=&actor=12&place=&…); the server treats both the same.
document.addEventListener("htmx:configRequest", (event) => {
  const params = event.detail.parameters;
  const keys = params instanceof FormData ? Array.from(params.keys()) : Object.keys(params);
  for (const key of keys) {
    const value = params instanceof FormData ? params.get(key) : params[key];
    if (value === "" || value === null) {
      if (params instanceof FormData) params.delete(key);
      else delete params[key];
    }
  }
});

// "← Chronology" returns to the view the reader came from (its filters and page), when they came
// from the chronology of this site; without this file it goes to the whole chronology.
document.addEventListener("DOMContentLoaded", () => {
  const back = document.querySelector("a[data-back-to-chronology]");
  if (!back || !document.referrer) return;
  const from = new URL(document.referrer);
  const home = new URL(back.href);
  if (from.origin === home.origin && from.pathname === home.pathname) back.href = from.href;
});

// A printout carries every quoted source: the collapsed ones open for printing, and close again.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.sources:not([open])")) {
    details.dataset.printOpened = "";
    details.open = true;
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("details[data-print-opened]")) {
    delete details.dataset.printOpened;
    details.open = false;
  }
});

// The results fragment refreshes the filter form's options out of band (their counts); moving
// options in leaves the select on the last one, so take the value their markup marks selected.
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const select = event.detail.target;
  if (select instanceof HTMLSelectElement) {
    const marked = select.querySelector("option[selected]");
    select.value = marked ? marked.value : "";
  }
});

// The map page (templates/timeline/map.html): a place in the list beside the map and its
// marker light up together, under the pointer or the keyboard's focus. Without script the
// marker's own hover style and title still say which place it is.
for (const kind of ["mouseover", "focusin"]) {
  document.addEventListener(kind, (event) => {
    const source = event.target.closest && event.target.closest(".map-places [data-place]");
    document.querySelectorAll(".map .marker.highlight").forEach((m) => m.classList.remove("highlight"));
    if (!source) return;
    const marker = document.querySelector(`.map .marker[data-place="${CSS.escape(source.dataset.place)}"]`);
    if (marker) marker.classList.add("highlight");
  });
}
