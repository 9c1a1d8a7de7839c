import { BEST } from "../chain";
// Balance and social-quota credits, tips sent and received, and creator rewards (bond, unbond, withdraw,
// claim; the era's pool and this account's score).
import { useState } from "preact/hooks";
import { api } from "../chain";
import { Credits } from "../components/Credits";
import { href } from "../lib/route";
import { formatAmount, parseAmount } from "../lib/units";
import { useStore } from "../store";
import { tipsSent } from "../tips";
import { submit } from "../tx";
import { AccountName, Amount, Card, ErrorNote, Loading, NeedAccount, useAsync } from "../ui";

function AmountAction({ label, run }: { label: string; run: (planck: bigint) => Promise<unknown> }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  return (
    <div class="inline-form">
      <input inputMode="decimal" placeholder="KITH" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} aria-label={`${label} amount`} />
      <button
        onClick={async () => {
          setError(undefined);
          try {
            const planck = parseAmount(value);
            const r: any = await run(planck);
            if (r && r.ok === false) setError(r.error);
            else setValue("");
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        {label}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

export function Wallet() {
  const current = useStore((s) => s.current);
  const data = useAsync(async () => {
    if (!current) return undefined;
    const me = current.address;
    const [account, received, ledger, pending, era] = await Promise.all([
      api.query.System.Account.getValue(me, BEST),
      api.apis.TippingApi.creator_tips(me, BEST),
      api.query.CreatorRewards.Ledgers.getValue(me, BEST),
      api.apis.CreatorRewardsApi.pending_rewards(me, BEST),
      api.apis.CreatorRewardsApi.current_era(BEST),
    ]);
    const [creatorScore, curatorPower] = await api.apis.CreatorRewardsApi.scores(era.era, me, BEST);
    return { account, received, ledger, pending, era, creatorScore, curatorPower };
  }, [current?.address], true);
  if (!current) return <NeedAccount />;
  if (data.error && !data.data) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading what="the wallet" />;
  const { account, received, ledger, pending, era, creatorScore, curatorPower } = data.data;
  const free = account.data.free;
  const transferable = free - (account.data.frozen > account.data.reserved ? account.data.frozen - account.data.reserved : 0n);
  const sent = tipsSent(current.address);
  return (
    <>
      <h1>Wallet</h1>
      <Card title="Balance">
        <p class="big" data-testid="balance">
          <Amount planck={free} />
        </p>
        <p class="muted small">
          Transferable <Amount planck={transferable} /> · held <Amount planck={account.data.reserved} /> · frozen <Amount planck={account.data.frozen} />
        </p>
        <Credits address={current.address} />
      </Card>
      <Card title="Tips">
        <p data-testid="tips-received">
          Received: <strong>{received.count}</strong> {received.count === 1 ? "tip" : "tips"}, <Amount planck={received.total} /> in all
        </p>
        <p class="muted small">
          Sent from this browser: {sent.length ? `${sent.length}, ${formatAmount(sent.reduce((a, t) => a + BigInt(t.amount), 0n), { maxFraction: 4 })}` : "none"}
        </p>
        {sent.length ? (
          <ul class="small">
            {sent.slice(0, 10).map((t, i) => (
              <li key={i}>
                <Amount planck={t.amount} /> to <AccountName address={t.to} />
                {t.post !== undefined ? <> for <a href={href({ name: "post", id: t.post })}>post {t.post}</a></> : null} <span class="muted">#{t.block}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Creator rewards">
        <p>
          Era <strong>{era.era}</strong> (blocks {era.started_at}–{era.ends_at}): pool <Amount planck={era.pool} />, total score {era.score.toString()}
        </p>
        <p>
          My score this era: as creator <strong>{formatAmount(creatorScore, { symbol: false, maxFraction: 4 })}</strong>, as curator{" "}
          <strong>{formatAmount(curatorPower, { symbol: false, maxFraction: 4 })}</strong>
        </p>
        <p>
          Bonded: <Amount planck={ledger?.bonded ?? 0n} />
          {ledger?.unlocking.length ? (
            <>
              {" "}· unlocking: {ledger.unlocking.map((c: any, i: number) => (
                <span key={i}>
                  <Amount planck={c.value ?? c.amount ?? 0n} /> (era {c.era}){" "}
                </span>
              ))}
            </>
          ) : null}
        </p>
        <div class="row wrap">
          <AmountAction label="Bond" run={(a) => submit(`Bond ${formatAmount(a)}`, api.tx.CreatorRewards.bond({ amount: a }))} />
          <AmountAction label="Unbond" run={(a) => submit(`Unbond ${formatAmount(a)}`, api.tx.CreatorRewards.unbond({ amount: a }))} />
          <button onClick={() => submit("Withdraw unbonded", api.tx.CreatorRewards.withdraw_unbonded())}>Withdraw unbonded</button>
        </div>
        <h3>Pending rewards</h3>
        {pending.length ? (
          <ul>
            {pending.map(([eraIndex, payout]) => (
              <li key={eraIndex}>
                Era {eraIndex}: <Amount planck={payout.creator + payout.curator} /> (creator <Amount planck={payout.creator} />, curator{" "}
                <Amount planck={payout.curator} />){" "}
                <button onClick={() => submit(`Claim era ${eraIndex}`, api.tx.CreatorRewards.claim({ era: eraIndex }))}>Claim</button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Nothing to claim.</p>
        )}
      </Card>
    </>
  );
}
