// The account's social-quota credits, read again after each transaction and at each new block.
import { quota } from "../chain";
import { feeHint, formatCredits } from "../lib/credits";
import { ErrorNote, useAsync } from "../ui";

const useQuota = (address: string) => useAsync(() => quota(address), [address], true);

/** "Credits 980 / 1,000 · refills daily". */
export function Credits({ address }: { address: string }) {
  const { data, error } = useQuota(address);
  if (!data) return <ErrorNote error={error} />;
  return (
    <p class="muted small" data-testid="credits" title="Credits pay for posts, replies, reactions and follows instead of fees">
      {formatCredits(data.bar, data.refillMs)}
    </p>
  );
}

/** Whether the credits pay for the composer's post, reply, quote or edit, or it pays a fee. */
export function FeeHint({ address, action }: { address: string; action: "post" | "reply" | "quote" | "edit" }) {
  const { data } = useQuota(address);
  if (!data) return null;
  const hint = feeHint(data.bar, data.costs[action], action);
  return (
    <p class={`fee-hint small ${hint.free ? "free" : ""}`} data-testid="fee-hint">
      {hint.text}
    </p>
  );
}
