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
