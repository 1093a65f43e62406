// The sentence a 404 page shows for a path (pure, tested): what was asked for and why it is not
// there, so "/datasets/99999" reads "No dataset 99999" rather than a bare "page not found".
const ID = /^[1-9]\d{0,9}$/;

export type MissingText = { title: string; detail: string };

const notAnId = (what: string, text: string): MissingText => ({
  title: `“${text}” is not ${/^[aeiou]/.test(what) ? "an" : "a"} ${what} id`,
  detail: `${what[0].toUpperCase()}${what.slice(1)} ids are positive whole numbers, as in the links Ripe shows.`,
});

export function describeMissing(pathname: string): MissingText {
  const parts = pathname
    .split("/")
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  if (parts[0] === "datasets" && parts[1] !== undefined) {
    const dataset = parts[1];
    if (!ID.test(dataset)) return notAnId("dataset", dataset);
    const [section, child] = [parts[2], parts[3]];
    if (section === "items" && child !== undefined) {
      if (!ID.test(child)) return notAnId("item", child);
      return {
        title: `No item ${child} in dataset ${dataset}`,
        detail: `Dataset ${dataset} has no candidate with id ${child}, or there is no dataset ${dataset}.`,
      };
    }
    if (section === "queue" && parts[3] === "sample" && parts[4] !== undefined) {
      if (!ID.test(parts[4])) return notAnId("sample", parts[4]);
      return {
        title: `No audit sample ${parts[4]} in dataset ${dataset}`,
        detail: "It may belong to another dataset, or it was never drawn.",
      };
    }
    if (parts.length === 2)
      return { title: `No dataset ${dataset}`, detail: "It may have been deleted, or the link is from another Ripe installation." };
    return {
      title: "Page not found",
      detail: `Dataset ${dataset} has no page “${parts.slice(2).join("/")}”, or there is no dataset ${dataset}.`,
    };
  }
  return { title: "Page not found", detail: `Nothing lives at ${pathname}.` };
}
