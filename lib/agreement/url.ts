// The verdict-agreement page's URL state: which metric's items are listed (?verdicts=KEY).
import { createLoader, createSerializer } from "nuqs/server";
import { parseAsText, type SearchInput } from "../url/parsers";

export const agreementParsers = { verdicts: parseAsText(600) };

const loadAgreementSelection = createLoader(agreementParsers);
const serializeAgreementSelection = createSerializer(agreementParsers);

/** The metric key whose items are listed, or undefined (an unknown key lists nothing). */
export function parseSelectedMetric(search: SearchInput): string | undefined {
  return loadAgreementSelection(search).verdicts ?? undefined;
}

export function agreementSearch(metric: string | null): string {
  return serializeAgreementSelection({ verdicts: metric });
}
