import { BEST } from "./chain";
// What moderation enforces: why a post is hidden (the case and its rule).
import { api } from "./chain";
import { fromBytes } from "./lib/bytes";

export interface Rule {
  id: number;
  title: string;
  description: string;
  action: string;
}

let rulebookCache: Promise<{ version: number; rules: Rule[] }> | undefined;
export const describeAction = (action: { type: string; value?: any }): string =>
  action.type === "Suspend" ? `suspend for ${action.value?.blocks ?? action.value} blocks` : action.type.toLowerCase();

export function rulebook(fresh = false) {
  if (fresh || !rulebookCache) {
    rulebookCache = api.apis.ModerationApi.rulebook(BEST).then((book) => ({
      version: book.version,
      rules: book.rules.map((rule) => ({
        id: rule.id,
        title: fromBytes(rule.title),
        description: rule.description.type === "Text" ? fromBytes(rule.description.value as Uint8Array) : `(${rule.description.type})`,
        action: describeAction(rule.action as never),
      })),
    }));
    rulebookCache.catch(() => (rulebookCache = undefined));
  }
  return rulebookCache;
}

/** "community rule 0 (Spam), case 3" for a hidden post. */
export async function hiddenBecause(postId: number): Promise<string> {
  const enforced = await api.query.Moderation.Enforced.getValue({ type: "Post", value: BigInt(postId) } as never, BEST);
  // The upheld cases in effect on the post (the record's only field, which polkadot-api gives as the
  // list itself); the first that hides it is the one to name.
  const caseId = (enforced ?? []).find((upheld) => upheld.effect.type === "Hide")?.case;
  if (caseId === undefined) return "the community";
  const found = await api.apis.ModerationApi.case(caseId, BEST);
  if (!found) return `case ${caseId}`;
  const book = await rulebook();
  const rule = book.rules.find((r) => r.id === found.rule);
  return `community rule ${found.rule}${rule ? ` (${rule.title})` : ""}, case ${caseId}`;
}
