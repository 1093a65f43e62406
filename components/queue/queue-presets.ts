// Ready-made review queues: each is a browse filter walked with auto-advance.
import type { BrowseFilters } from "@/lib/browse/filters";

export const QUEUE_PRESETS: { id: string; title: string; description: string; filters: BrowseFilters }[] = [
  {
    id: "unreviewed",
    title: "Unreviewed",
    description: "Everything no person has decided yet, newest first.",
    filters: { rev: "0", sort: "newest" },
  },
  {
    id: "uncertain",
    title: "Nearest the threshold",
    description: "Unreviewed items whose judge score is closest to the pass threshold: where the judge is least sure.",
    filters: { rev: "0", sort: "uncertainty" },
  },
  {
    id: "judge-fail",
    title: "Judge rejects",
    description: "Unreviewed items the judge failed, lowest score first.",
    filters: { rev: "0", judge: "fail", sort: "score_asc" },
  },
  {
    id: "judge-pass-low",
    title: "Weak judge passes",
    description: "Unreviewed passes with the lowest scores: false accepts hide here.",
    filters: { rev: "0", judge: "pass", sort: "score_asc" },
  },
  {
    id: "disagreements",
    title: "Disagreements",
    description: "Items where a person overturned the judge: a second look.",
    filters: { dis: "1", sort: "newest" },
  },
];
