// The guideline a policy set is written to, as data: the model's measures (and the layers of
// 6(3)), the usual sub-sections of the model standards' chapters, the model's defined terms. One
// JSON file per guideline edition; policy-trace.json picks one by its ID, gives its own (a
// hospital following another guideline), or says "none".

import soumuR6 from './soumu-r6.json';

export interface GuidelineMeasure {
  /** As the model numbers it: 6(3). */
  id: string;
  title: string;
  /** The layers the model lists under it, each with the other names it goes by. */
  layers?: string[][];
  /** Sections of the model policy that the standards of this measure cover as well. */
  alsoCovers?: string[];
}

export interface GuidelineProfile {
  id: string;
  name: string;
  nameEn?: string;
  measures: GuidelineMeasure[];
  chapters?: { measure: string; sections: string[] }[];
  /** The model's defined terms, each with its other names (term/undefined reads the built-in one's). */
  terms?: string[][];
}

export const BUILT_IN: Record<string, GuidelineProfile> = { [soumuR6.id]: soumuR6 as GuidelineProfile };
export const DEFAULT_GUIDELINE = soumuR6.id;
