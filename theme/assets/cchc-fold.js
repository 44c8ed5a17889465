// Vietnamese folding for search, the same as scripts/cchc/base/text.py: the index holds words
// without diacritics ("đường" is indexed as "duong"), so a query is folded the same way and
// "duong day nong", "đường dây nóng" and its decomposed (NFD) spelling are one query.
// Titles and excerpts are shown in the original Vietnamese: `align` finds the original words
// behind the folded words Pagefind returns.

export function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

export function normalise(query) {
  return query.normalize("NFC").replace(/\s+/g, " ").trim();
}

// What is looked up in the index: folded, lower case, single spaces.
export function searchTerms(query) {
  return fold(normalise(query)).toLowerCase();
}

const key = (word) => fold(word).toLowerCase();

// What `align` compares a page's original words by; worth computing once per page.
export function foldKeys(words) {
  return words.map(key);
}

// The original words behind `folded` (a run of folded words), or null when the original text
// does not hold that run. Where it holds it more than once, the run starting nearest `near` wins.
export function align(folded, original, near = 0, keys = foldKeys(original)) {
  const wanted = folded.map(key);
  let best = -1;
  for (let start = 0; start + wanted.length <= keys.length; start += 1) {
    let same = true;
    for (let i = 0; same && i < wanted.length; i += 1) same = keys[start + i] === wanted[i];
    if (same && (best < 0 || Math.abs(start - near) < Math.abs(best - near))) best = start;
  }
  return !wanted.length || best < 0 ? null : original.slice(best, best + wanted.length);
}

// A word as it stands in the text, without the punctuation around it: "chính," -> "chính".
export function core(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// What a query asks for, word by word: the folded key, and the exact spelling when the visitor
// typed diacritics ("dây" asks for "dây", not for "đây"; "day" accepts both).
export function queryWords(query) {
  return normalise(query).split(" ").filter(Boolean).map((word) => {
    const lower = core(word).toLowerCase();
    return { key: key(lower), exact: fold(lower) === lower ? null : lower };
  }).filter((w) => w.key);
}

// Which of `words` to highlight: runs that spell the whole query when it has several words,
// else every whole word that matches one of its words. Never a part of a word.
export function marksFor(words, wanted) {
  const cores = words.map(core);
  const keys = cores.map(key);
  const fits = (i, w) => keys[i] === w.key && (!w.exact || cores[i].toLowerCase() === w.exact);
  const marked = new Set();
  if (wanted.length > 1) {
    for (let start = 0; start + wanted.length <= words.length; start += 1) {
      if (wanted.every((w, i) => fits(start + i, w))) wanted.forEach((_, i) => marked.add(start + i));
    }
  }
  if (!marked.size) {
    words.forEach((_, i) => { if (wanted.some((w) => fits(i, w))) marked.add(i); });
  }
  return marked;
}

// True when `a` becomes `b` by one letter inserted, dropped, changed, or two neighbours swapped.
export function oneEditAway(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// The indexed word one edit from `term` that most pages hold, or null. `words` maps folded words
// to [pages, spelling?] (scripts/cchc/search/vocabulary.py).
export function correction(term, words) {
  if (!/^\p{L}{2,}$/u.test(term) || Object.prototype.hasOwnProperty.call(words, term)) return null;
  let best = null;
  for (const [word, info] of Object.entries(words)) {
    if (oneEditAway(term, word) && (!best || info[0] > best.pages)) best = { word, pages: info[0], spelling: info[1] || word };
  }
  return best;
}
