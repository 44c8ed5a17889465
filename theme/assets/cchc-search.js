// The search dialog, loaded only when a visitor opens search. Results come from the
// static Pagefind index in /pagefind/, fetched chunk by chunk as words are typed.
import { normalise, variants } from "./cchc-fold.js";

const TASK_KIND = "Nhiệm vụ";
const MAX_RESULTS = 12;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function entry(kind, unit, title, url, excerptHtml) {
  const item = element("li", "cchc-search-result");
  const link = element("a");
  link.href = url;
  const labels = element("span", "cchc-search-labels");
  labels.append(element("span", "cchc-search-kind", kind));
  if (unit) labels.append(element("span", "cchc-search-unit", unit));
  link.append(labels, element("strong", "cchc-search-title", title));
  const excerpt = element("span", "cchc-search-excerpt");
  excerpt.innerHTML = excerptHtml; // Pagefind escapes the text and adds only <mark>
  link.append(excerpt);
  item.append(link);
  return item;
}

export async function attach(dialog, root) {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  // Plans are long documents; a milder length penalty keeps them above short pages that only mention them.
  await pagefind.options({ baseUrl: new URL(".", root).pathname, excerptLength: 26, ranking: { pageLength: 0.5 } });
  await pagefind.init();
  const form = dialog.querySelector("form");
  const input = form.elements.q;
  const status = dialog.querySelector(".cchc-search-status");
  const list = dialog.querySelector(".cchc-search-results");
  // The filter lists cost a download of their own: fetched when a visitor first reaches for a filter.
  let filtersLoaded = null;
  function loadFilters() {
    filtersLoaded = filtersLoaded || pagefind.filters().then((available) => {
      for (const [name, values] of Object.entries(available)) {
        const select = form.elements[name];
        if (!select) continue;
        for (const value of Object.keys(values).sort((a, b) => a.localeCompare(b, "vi"))) {
          select.append(new Option(value, value));
        }
      }
    });
    return filtersLoaded;
  }
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("focus", loadFilters);
    select.addEventListener("pointerdown", loadFilters);
  }
  if (form.dataset.units === "1") {
    form.elements.don_vi.closest("label").hidden = true; // one unit: no unit filter
  }

  let generation = 0;
  async function run() {
    const query = normalise(input.value);
    const mine = ++generation;
    list.replaceChildren();
    if (!query) {
      status.textContent = "Gõ từ khóa, có dấu hoặc không dấu.";
      return;
    }
    const kind = form.elements.loai.value;
    const filters = {};
    if (kind) filters.loai = kind === TASK_KIND ? "Kế hoạch" : kind;
    if (form.elements.don_vi.value) filters.don_vi = form.elements.don_vi.value;
    const searches = await Promise.all(variants(query).map((v) => pagefind.search(v, { filters })));
    if (mine !== generation) return;
    const best = new Map();
    for (const search of searches) {
      for (const result of search.results) {
        const seen = best.get(result.id);
        if (!seen || seen.score < result.score) best.set(result.id, result);
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
    const pages = await Promise.all(ranked.map((r) => r.data()));
    if (mine !== generation) return;
    let count = 0;
    for (const page of pages) {
      const unit = page.meta.don_vi || "";
      // Pagefind lists sub-results in page order: rank the task rows by how many query words they hold.
      const tasks = (page.sub_results || [])
        .filter((s) => s.url.includes("#nv-") && s.locations && s.locations.length)
        .sort((a, b) => b.locations.length - a.locations.length);
      for (const task of tasks.slice(0, 3)) {
        list.append(entry(TASK_KIND, unit, `${task.title} – ${page.meta.title}`, task.url, task.excerpt));
        count += 1;
      }
      if (kind !== TASK_KIND) {
        list.append(entry(page.meta.loai || "Trang", unit, page.meta.title, page.url, page.excerpt));
        count += 1;
      }
    }
    const asked = input.value.trim();
    status.textContent = count
      ? `${best.size} trang có “${asked}”${best.size > ranked.length ? `, hiện ${ranked.length} trang đầu` : ""}.`
      : `Không tìm thấy kết quả cho “${asked}”.`;
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 180); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  if (input.value) run();
  return { run };
}
