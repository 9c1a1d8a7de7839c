// Tips sent: the chain keeps totals received (TippingApi), not a list of what an account sent, so this
// client remembers the tips it sent (localStorage, per account).
export interface SentTip {
  to: string;
  post?: number;
  amount: string;
  block: number;
}
const key = (account: string) => `kith.tips.${account}`;
export function tipsSent(account: string): SentTip[] {
  try {
    return JSON.parse(localStorage.getItem(key(account)) ?? "[]");
  } catch {
    return [];
  }
}
export function recordTipSent(account: string, tip: SentTip) {
  localStorage.setItem(key(account), JSON.stringify([tip, ...tipsSent(account)].slice(0, 100)));
}
