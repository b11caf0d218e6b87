import { newStemmer } from 'snowball-stemmers';

/**
 * Words as the index and the topic matcher compare them: case and diacritics
 * folded (so "Счёт" meets "счет", "Café" meets "cafe"), each word stemmed by the
 * stemmer of its own script (Cyrillic → Russian, Latin → English), so
 * "invoices"/"invoice" and "счета"/"счетов" meet. Stop words are left out.
 */
const english = newStemmer('english');
const russian = newStemmer('russian');

const stopWords = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have hi hello how i if in into is it its ' +
    'me my no not of on or our please so that the their them then there these they this to was we were what when where ' +
    'which who why will with would you your yes just also am any get got thanks thank ' +
    'а без бы в вам вас во вот все всё вы да для до его ее её если есть еще ещё же за и из или им их к как ко когда ' +
    'ли мне мы на над не нет ни но о об от по под при про с со так там то тоже у уже чем что чтобы это я здравствуйте спасибо пожалуйста'
  )
    .split(' ')
    .map(foldText),
);

/** Case and diacritics folded; ё/й fold to е/и like every other accent. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a text (letters and digits), folded, without stemming. */
export function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One folded word's stem, by its script. */
export function stemWord(word: string): string {
  if (/\p{Script=Cyrillic}/u.test(word)) return russian.stem(word);
  if (/^[a-z]+$/.test(word)) return english.stem(word);
  return word;
}

/** The stemmed terms of a text, in order, stop words and one-letter words left out. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 && !/\d/.test(w)) continue;
    if (stopWords.has(w)) continue;
    out.push(stemWord(w));
  }
  return out;
}
