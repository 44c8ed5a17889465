// The search dialog, loaded only when a visitor opens search. Results come from the
// static Pagefind index in /pagefind/, fetched chunk by chunk as words are typed. The index holds
// folded words (see cchc-fold.js); titles and excerpts are put back into the original Vietnamese.
import { align, foldKeys, normalise, searchTerms } from "./cchc-fold.js";

const TASK_KIND = "Nhiệm vụ";
const MAX_RESULTS = 12;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Pagefind's excerpt (folded text, each match in <mark>) as words, each marked or not.
function excerptWords(excerptHtml) {
  const holder = document.createElement("template");
  holder.innerHTML = excerptHtml; // inert: only read back as text below
  const words = [];
  for (const node of holder.content.childNodes) {
    const marked = node.nodeName === "MARK";
    for (const text of node.textContent.split(/\s+/)) if (text) words.push({ text, marked });
  }
  return words;
}

// The excerpt in the page's original words, matches highlighted; the folded words if they cannot be lined up.
function excerptNodes(excerptHtml, original, keys, locations) {
  const words = excerptWords(excerptHtml);
  const firstMark = Math.max(0, words.findIndex((w) => w.marked));
  const near = (locations && locations.length ? Math.min(...locations) : 0) - firstMark;
  const shown = align(words.map((w) => w.text), original, near, keys) || words.map((w) => w.text);
  const nodes = [];
  shown.forEach((text, i) => {
    if (i) nodes.push(" ");
    nodes.push(words[i].marked ? element("mark", "", text) : text);
  });
  return nodes;
}

function originalTitle(folded, original, keys, near) {
  const words = folded.split(/\s+/).filter(Boolean);
  return (align(words, original, near, keys) || words).join(" ");
}

function entry(kind, unit, title, url, excerpt) {
  const item = element("li", "cchc-search-result");
  const link = element("a");
  link.href = url;
  const labels = element("span", "cchc-search-labels");
  labels.append(element("span", "cchc-search-kind", kind));
  if (unit) labels.append(element("span", "cchc-search-unit", unit));
  link.append(labels, element("strong", "cchc-search-title", title));
  const shown = element("span", "cchc-search-excerpt");
  shown.append(...excerpt);
  link.append(shown);
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
    const search = await pagefind.search(searchTerms(query), { filters });
    if (mine !== generation) return;
    const ranked = search.results.slice(0, MAX_RESULTS);
    const pages = await Promise.all(ranked.map((r) => r.data()));
    if (mine !== generation) return;
    let count = 0;
    for (const page of pages) {
      // The index and Pagefind's own data hold folded words; the build added the originals (search_bundle.py).
      const shown = page.cchc || { title: page.meta.title, text: "", meta: page.meta };
      const unit = shown.meta.don_vi || "";
      const original = shown.text.split(" ");
      const keys = foldKeys(original);
      // Pagefind lists sub-results in page order: rank the task rows by how many query words they hold.
      const tasks = (page.sub_results || [])
        .filter((s) => s.url.includes("#nv-") && s.locations && s.locations.length)
        .sort((a, b) => b.locations.length - a.locations.length);
      for (const task of tasks.slice(0, 3)) {
        const title = originalTitle(task.title, original, keys, task.anchor ? task.anchor.location : 0);
        list.append(entry(TASK_KIND, unit, `${title} – ${shown.title}`, task.url,
          excerptNodes(task.excerpt, original, keys, task.locations)));
        count += 1;
      }
      if (kind !== TASK_KIND) {
        list.append(entry(shown.meta.loai || "Trang", unit, shown.title, page.url,
          excerptNodes(page.excerpt, original, keys, page.locations)));
        count += 1;
      }
    }
    const asked = input.value.trim();
    status.textContent = count
      ? `${search.results.length} trang có “${asked}”${search.results.length > ranked.length ? `, hiện ${ranked.length} trang đầu` : ""}.`
      : `Không tìm thấy kết quả cho “${asked}”.`;
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 180); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  if (input.value) run();
  return { run };
}
