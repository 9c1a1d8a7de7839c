import { BEST } from "../chain";
// Validators: the set, the candidates with their bonds, the jailed, and this account's status.
import { api } from "../chain";
import { sameAccount } from "../accounts";
import { useStore } from "../store";
import { submit } from "../tx";
import { AccountName, Amount, Card, ErrorNote, Loading, useAsync } from "../ui";

export function Validators() {
  const current = useStore((s) => s.current);
  const data = useAsync(
    () =>
      Promise.all([
        api.apis.ValidatorsApi.validators(BEST),
        api.apis.ValidatorsApi.candidates(BEST),
        api.apis.ValidatorsApi.jailed(BEST),
        api.apis.ValidatorsApi.next_validators(BEST),
      ]).then(([validators, candidates, jailed, next]) => ({ validators, candidates, jailed, next })),
    [],
    true,
  );
  if (data.error && !data.data) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading what="validators" />;
  const { validators, candidates, jailed, next } = data.data;
  const me = current?.address;
  const mine = candidates.find(([a]) => sameAccount(a, me));
  const myJail = jailed.find((j: any) => sameAccount(j[0] ?? j.account, me)) as any;
  const status = !me
    ? "Choose an account to see your status."
    : myJail
      ? "You are jailed."
      : validators.some((v) => sameAccount(v, me))
        ? "You validate this session."
        : next.some((v) => sameAccount(v, me))
          ? "You are elected for the next session."
          : mine
            ? "You are a candidate."
            : "You are not a candidate.";
  return (
    <>
      <h1>Validators</h1>
      <Card title="My status">
        <p data-testid="validator-status">{status}</p>
        {myJail ? <button onClick={() => submit("Unjail", api.tx.Validators.unjail())}>Unjail</button> : null}
      </Card>
      <Card title={`This session's validators (${validators.length})`}>
        <ul>
          {validators.map((v) => (
            <li key={v}>
              <AccountName address={v} />
            </li>
          ))}
        </ul>
      </Card>
      <Card title={`Candidates (${candidates.length})`}>
        <ul>
          {candidates.map(([account, bond, keys]) => (
            <li key={account}>
              <AccountName address={account} /> bond <Amount planck={bond} /> {keys ? "" : <span class="badge">no session keys</span>}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={`Jailed (${jailed.length})`}>
        {jailed.length ? (
          <ul>
            {jailed.map((j: any, i) => (
              <li key={i}>
                <AccountName address={j[0] ?? j.account} /> since session {String(j[1] ?? j.session)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Nobody is jailed.</p>
        )}
      </Card>
    </>
  );
}
