// The search dialog, loaded only when a visitor opens search. Results come from the
// static Pagefind index in /pagefind/, fetched chunk by chunk as words are typed. The index holds
// folded words (see cchc-fold.js); titles and excerpts are put back into the original Vietnamese.
import { align, core, correction, foldKeys, marksFor, normalise, queryWords, searchTerms } from "./cchc-fold.js";

const TASK_KIND = "Nhiệm vụ";
const MAX_RESULTS = 12;
// Fewer results than this and a word the index does not hold is looked up in its word list (typos).
const FEW_RESULTS = 3;
const WORDS_FILE = "pagefind/cchc-tu.json"; // written by scripts/cchc/search/vocabulary.py

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Pagefind's excerpt (folded text, each match in <mark>) as words.
function excerptWords(excerptHtml) {
  const holder = document.createElement("template");
  holder.innerHTML = excerptHtml; // inert: only read back as text below
  const words = [];
  for (const node of holder.content.childNodes) {
    for (const text of node.textContent.split(/\s+/)) if (text) words.push({ text, marked: node.nodeName === "MARK" });
  }
  return words;
}

// The excerpt in the page's original words (the folded ones if they cannot be lined up), with the
// query's whole words highlighted: Pagefind marks prefixes and folded look-alikes ("đây" for "dây").
function excerptNodes(excerptHtml, original, keys, locations, wanted) {
  const words = excerptWords(excerptHtml);
  const firstMark = Math.max(0, words.findIndex((w) => w.marked));
  const near = (locations && locations.length ? Math.min(...locations) : 0) - firstMark;
  const shown = align(words.map((w) => w.text), original, near, keys) || words.map((w) => w.text);
  const marked = marksFor(shown, wanted);
  const nodes = [];
  shown.forEach((text, i) => {
    if (i) nodes.push(" ");
    nodes.push(marked.has(i) ? element("mark", "", text) : text);
  });
  return nodes;
}

function originalTitle(folded, original, keys, near) {
  const words = folded.split(/\s+/).filter(Boolean);
  return (align(words, original, near, keys) || words).join(" ");
}

function entry(kind, unit, title, context, url, excerpt) {
  const item = element("li", "cchc-search-result");
  const link = element("a");
  link.href = url;
  const labels = element("span", "cchc-search-labels");
  labels.append(element("span", "cchc-search-kind", kind));
  if (unit) labels.append(element("span", "cchc-search-unit", unit));
  link.append(labels, element("strong", "cchc-search-title", title));
  if (context) link.append(element("span", "cchc-search-context", context));
  const shown = element("span", "cchc-search-excerpt");
  shown.append(...excerpt);
  link.append(shown);
  item.append(link);
  return item;
}

// "Nhiệm vụ 8: Xây dựng file âm thanh…": the row's heading and the first words of the task.
function taskTitle(heading, section) {
  if (!section) return heading;
  const words = section.split(" ");
  return `${heading}: ${words.length >= 14 ? words.join(" ") + "…" : section}`;
}

export async function attach(dialog, root) {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  // Plans are long documents; a mild length penalty keeps them above the short posts and progress pages
  // that name them ("kế hoạch 2026"). Measured on the sample site with every page kind's title
  // (tests/test_citizen_browser.py): 0.5 put three posts first, 0.2 put plans above the home page.
  await pagefind.options({ baseUrl: new URL(".", root).pathname, excerptLength: 26, ranking: { pageLength: 0.35 } });
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
  let indexWords = null;
  function loadWords() {
    indexWords = indexWords || fetch(new URL(WORDS_FILE, root)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
    return indexWords;
  }

  // A query whose unknown words are replaced by their correction, or null when nothing changed.
  async function corrected(query) {
    const words = await loadWords();
    let changed = false;
    const terms = [];
    const shown = [];
    for (const typed of query.split(" ")) {
      const term = searchTerms(typed);
      const fix = correction(term, words);
      if (fix) changed = true;
      terms.push(fix ? fix.word : term);
      shown.push(fix ? fix.spelling : (term === typed.toLowerCase() && words[term] && words[term][1]) || typed);
    }
    return changed ? { terms: terms.join(" "), shown: shown.join(" ") } : null;
  }

  let generation = 0;
  async function run() {
    const query = normalise(input.value);
    // What this run searched for: the status names it, not what the field holds when the results
    // arrive (typing on while they load would name a query these results are not for).
    const asked = input.value.trim();
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
    let search = await pagefind.search(searchTerms(query), { filters });
    let wanted = queryWords(query);
    let suggestion = null;
    if (search.results.length < FEW_RESULTS) {
      const fix = await corrected(query);
      const retry = fix && await pagefind.search(fix.terms, { filters });
      if (retry && retry.results.length > search.results.length) {
        search = retry;
        suggestion = fix.shown;
        wanted = queryWords(fix.terms);
      }
    }
    if (mine !== generation) return;
    // Pages of one score (three units' hotline pages) come back in no fixed order, their scores a few
    // millionths apart from one query to the next: ties, to a hundredth, go by id, so that every
    // spelling of a query lists the same results in the same order.
    const rounded = (r) => Math.round(r.score * 100);
    const ranked = [...search.results].sort((a, b) => rounded(b) - rounded(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, MAX_RESULTS);
    const pages = await Promise.all(ranked.map((r) => r.data()));
    if (mine !== generation) return;
    let count = 0;
    for (const page of pages) {
      // The index and Pagefind's own data hold folded words; the build added the originals (search/bundle.py).
      const shown = page.cchc || { title: page.meta.title, text: "", meta: page.meta, sections: {} };
      const unit = shown.meta.don_vi || "";
      const original = shown.text.split(" ");
      const keys = foldKeys(original);
      // A task row is a result of its own only when it holds every word of the query (one shared word,
      // "điện" of "số điện thoại", is no reason to list it); rows holding more of them come first.
      const holdsAll = (s) => wanted.every((w) => s.locations.some((at) => keys[at] && core(keys[at]) === w.key));
      const tasks = (page.sub_results || [])
        .filter((s) => s.url.includes("#nv-") && s.locations && s.locations.length && holdsAll(s))
        .sort((a, b) => b.locations.length - a.locations.length);
      for (const task of tasks.slice(0, 3)) {
        const heading = originalTitle(task.title, original, keys, task.anchor ? task.anchor.location : 0);
        const section = task.anchor && shown.sections ? shown.sections[task.anchor.id] : "";
        list.append(entry(TASK_KIND, unit, taskTitle(heading, section), shown.title, task.url,
          excerptNodes(task.excerpt, original, keys, task.locations, wanted)));
        count += 1;
      }
      if (kind !== TASK_KIND) {
        list.append(entry(shown.meta.loai || "Trang", unit, shown.title, "", page.url,
          excerptNodes(page.excerpt, original, keys, page.locations, wanted)));
        count += 1;
      }
    }
    const more = search.results.length > ranked.length ? `, hiện ${ranked.length} trang đầu` : "";
    if (!count) status.textContent = `Không tìm thấy kết quả cho “${asked}”.`;
    else if (suggestion) status.textContent = `Có phải bạn muốn tìm “${suggestion}”? ${search.results.length} trang có từ này${more}.`;
    else status.textContent = `${search.results.length} trang có “${asked}”${more}.`;
  }

  // Keyboard: ↓ or Enter in the field goes to the results, ↑/↓ move between them, ↑ from the first goes back.
  const links = () => [...list.querySelectorAll(".cchc-search-result a")];
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    let next = null;
    if (event.key === "ArrowDown") next = all[Math.min(at + 1, all.length - 1)];
    else if (event.key === "ArrowUp") next = at ? all[at - 1] : input;
    else if (event.key === "Home") next = all[0];
    else if (event.key === "End") next = all[all.length - 1];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 180); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    await run(); // chunks already fetched are cached: running again costs no download
    const first = links()[0];
    if (first) first.focus();
  });
  if (input.value) run();
  return { run };
}
