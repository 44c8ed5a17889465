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
