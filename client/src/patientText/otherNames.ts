/** Whether a sentence is about someone other than the patient, by the names it gives before a mention. */
import { namesBetween, namesClinician, namesPatient, type HonorificName } from './honorificNames';
import { isPatientWord, type People } from './people';
import { STARTERS } from './vocabulary';
import { isTitleCase, wordsIn } from './words';

/**
 * Whether the sentence, before `to`, names someone other than the patient as its subject: an
 * honorific name that is neither the patient nor a clinician ("Mrs Patel, a 45-year-old …"), or a
 * bare name ("Sarah, a 45-year-old nurse", "Priya is a 45-year-old"). `names` are the text's
 * honorific names (`honorificNames`), in order.
 */
export function namesSomeoneElse(text: string, from: number, to: number, people: People, names: readonly HonorificName[]): boolean {
  const honorifics = namesBetween(names, from, to).filter((n) => n.end <= to);
  // A clinician is someone else too where the sentence says who they are ("Mr Shah, a 45-year-old …"),
  // not where they act ("Mr Shah reviewed this 45-year-old woman").
  const introduced = (end: number) => /^\s*(?:,|\(|is\b|was\b)/.test(text.slice(end, Math.min(to, end + 6)));
  if (honorifics.some((n) => !namesPatient(people, n) && (!namesClinician(people, n) || introduced(n.end)))) return true;
  const words = wordsIn(text, from, to);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!isTitleCase(w.text) || STARTERS.has(w.lower) || /ly$/.test(w.lower)) continue;
    if (honorifics.some((n) => w.start >= n.start && w.end <= n.end)) continue;
    const previous = words[i - 1];
    if (previous && /^(?:dr|prof|professor|doctor|nurse|sister)$/i.test(previous.text.replace('.', ''))) continue;
    if (previous?.text === '.' && /^(?:dr|prof)$/i.test(words[i - 2]?.text ?? '')) continue;
    if (isPatientWord(people, w.text)) continue;
    const next = words[i + 1];
    const subjectLike = next !== undefined && [',', '(', 'is', 'was', 'has', 'had', "'s", '’s'].includes(next.lower);
    const objectLike = previous !== undefined && ['seeing', 'saw', 'see', 'reviewed', 're', 'regarding', 'about'].includes(previous.lower);
    if (subjectLike || objectLike) return true;
  }
  return false;
}
