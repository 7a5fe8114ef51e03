/** The site's only script, inlined: one action's page at a time (by the URL's #/name), and the search. */
export const CATALOG_SCRIPT = `
(() => {
  const pages = Array.from(document.querySelectorAll("section.page"));
  const items = Array.from(document.querySelectorAll("#action-list li"));
  const show = () => {
    const name = decodeURIComponent(location.hash.replace(/^#\\/?/, ""));
    const target = pages.find((page) => page.dataset.action === name) || document.getElementById("overview");
    for (const page of pages) page.hidden = page !== target;
    for (const item of items) item.classList.toggle("current", item.dataset.action === name);
    document.title = (target.dataset.action ? target.dataset.label + " · " : "") + "Clickstream models";
    window.scrollTo(0, 0);
  };
  window.addEventListener("hashchange", show);
  show();

  const search = document.getElementById("search");
  const count = document.getElementById("search-count");
  search.addEventListener("input", () => {
    const terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const hit = terms.every((term) => item.dataset.search.includes(term));
      item.hidden = !hit;
      if (hit) shown++;
    }
    count.textContent = terms.length ? shown + " of " + items.length + " actions match" : "";
  });
})();
`;
