import { dismissTx } from "../tx";
import { useStore, type TxPhase } from "../store";

const PHASES: Record<TxPhase, string> = {
  signing: "Waiting for signature…",
  broadcast: "Sent, waiting for a block…",
  inBlock: "In block",
  finalized: "Finalized",
  failed: "Failed",
};

export function TxTray() {
  const txs = useStore((s) => s.txs);
  if (!txs.length) return null;
  return (
    <div class="tx-tray" aria-live="polite">
      {txs.map((tx) => (
        <div class={`tx tx-${tx.phase}`} key={tx.id} data-phase={tx.phase}>
          <div class="tx-head">
            <span>
              <strong>{tx.label}</strong>
              <span class="tx-phase">
                {" · "}
                {tx.phase !== "failed" && tx.phase !== "finalized" ? <span class="spinner" /> : tx.phase === "finalized" ? "✓ " : null}
                {PHASES[tx.phase]}
                {tx.block !== undefined ? ` #${tx.block}` : ""}
              </span>
            </span>
            <button class="link" onClick={() => dismissTx(tx.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
          {tx.error ? <div class="tx-error">{tx.error}</div> : null}
        </div>
      ))}
    </div>
  );
}
