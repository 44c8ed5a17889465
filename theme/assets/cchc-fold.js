// Query-side folding for Vietnamese search. Pagefind folds tone marks (ả, ề, ọ...) itself but
// treats "đ" and "d" as different letters, so a citizen typing "duong" would never find "đường".
// Each word typed without any diacritic that contains "d" is therefore also searched with "đ"
// in its place; a word typed with diacritics ("dây") is taken as written.

export function normalise(query) {
  return query.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function variants(query, limit = 16) {
  const words = normalise(query).split(" ").filter(Boolean);
  if (!words.length) return [];
  let combos = [[]];
  for (const word of words) {
    const plain = /^[\x00-\x7f]+$/.test(word);
    const choices = plain && word.includes("d") ? [word, word.replace(/d/g, "đ")] : [word];
    const next = [];
    for (const combo of combos) {
      for (const choice of choices) {
        if (next.length < limit) next.push([...combo, choice]);
      }
    }
    combos = next;
  }
  return combos.map((combo) => combo.join(" "));
}
