import { BEST } from "../chain";
// Community: the rulebook, open moderation cases (vote uphold/reject with an amount), my reports,
// appeals and jury duty; referenda on the moderation_rules track: propose a rule (preimage + submit +
// decision deposit) and vote with conviction.
import { useState } from "preact/hooks";
import { api } from "../chain";
import { sameAccount } from "../accounts";
import { fromBytes, toBytes } from "../lib/bytes";
import { href } from "../lib/route";
import { formatAmount, parseAmount } from "../lib/units";
import { describeAction, rulebook } from "../moderation";
import { useStore } from "../store";
import { submit } from "../tx";
import { AccountName, Amount, Card, ErrorNote, Loading, useAsync } from "../ui";

const MODERATION_RULES_TRACK = 1;

function targetLink(target: { type: string; value: unknown }) {
  return target.type === "Post" ? (
    <a href={href({ name: "post", id: Number(target.value) })}>post {String(target.value)}</a>
  ) : (
    <AccountName address={String(target.value)} />
  );
}

// Conviction as in pallet-conviction-voting: 0.1x without a lock, or 1x..6x for 1..32 lock periods.
const CONVICTIONS = ["None", "Locked1x", "Locked2x", "Locked3x", "Locked4x", "Locked5x", "Locked6x"] as const;

function ConvictionSelect({ value, onChange }: { value: number; onChange: (conviction: number) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value))} aria-label="Conviction">
      {["0.1x, no lock", "1x", "2x", "3x", "4x", "5x", "6x"].map((label, i) => (
        <option value={i} key={i}>
          {label}
        </option>
      ))}
    </select>
  );
}

function CaseVote({ caseId }: { caseId: number }) {
  const [amount, setAmount] = useState("100");
  const [conviction, setConviction] = useState(1);
  const [error, setError] = useState<string>();
  const vote = async (uphold: boolean) => {
    setError(undefined);
    let planck: bigint;
    try {
      planck = parseAmount(amount);
    } catch (e) {
      return setError((e as Error).message);
    }
    const r = await submit(
      `${uphold ? "Uphold" : "Reject"} case ${caseId} with ${formatAmount(planck)} (${conviction ? conviction + "x" : "0.1x"})`,
      api.tx.Moderation.vote_case({ case_id: caseId, uphold, amount: planck, conviction: { type: CONVICTIONS[conviction], value: undefined } as never }),
    );
    if (!r.ok) setError(r.error);
  };
  return (
    <div class="inline-form">
      <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} aria-label={`Vote amount for case ${caseId}`} />
      <ConvictionSelect value={conviction} onChange={setConviction} />
      <button class="primary" onClick={() => vote(true)}>
        Uphold
      </button>
      <button onClick={() => vote(false)}>Reject</button>
      <ErrorNote error={error} />
    </div>
  );
}

function ProposeRule() {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [action, setAction] = useState("Label");
  const [blocks, setBlocks] = useState("100");
  const [error, setError] = useState<string>();
  const [step, setStep] = useState<string>();
  const propose = async () => {
    setError(undefined);
    if (!title.trim()) return setError("A rule needs a title");
    const ruleAction = action === "Suspend" ? { type: "Suspend", value: { blocks: Number(blocks) } } : { type: action, value: undefined };
    const call = api.tx.Moderation.add_rule({
      rule: { title: toBytes(title), description: { type: "Text", value: toBytes(description) } as never, action: ruleAction as never },
    });
    const encoded = (await call.getEncodedData()) as unknown as Uint8Array | { asBytes(): Uint8Array };
    const bytes = encoded instanceof Uint8Array ? encoded : encoded.asBytes();
    const { blake2b256 } = await import("../hash");
    const hash = blake2b256(bytes);
    setStep("1/3 noting the preimage");
    let r = await submit("Note preimage", api.tx.Preimage.note_preimage({ bytes }));
    if (!r.ok && !String(r.error).includes("AlreadyNoted")) return setError(r.error), setStep(undefined);
    setStep("2/3 submitting the referendum");
    r = await submit(
      "Submit referendum (moderation_rules)",
      api.tx.Referenda.submit({
        proposal_origin: { type: "Origins", value: { type: "ModerationRules", value: undefined } } as never,
        proposal: { type: "Lookup", value: { hash, len: bytes.length } } as never,
        enactment_moment: { type: "After", value: 1 } as never,
      }),
    );
    if (!r.ok) return setError(r.error), setStep(undefined);
    const submitted = r.events?.find((e) => e.type === "Referenda" && e.value.type === "Submitted")?.value.value as { index: number } | undefined;
    if (submitted) {
      setStep("3/3 placing the decision deposit");
      r = await submit(`Decision deposit for referendum ${submitted.index}`, api.tx.Referenda.place_decision_deposit({ index: submitted.index }));
      if (!r.ok) return setError(r.error), setStep(undefined);
    }
    setStep(`Proposed${submitted ? ` as referendum ${submitted.index}` : ""}.`);
  };
  return (
    <div class="form">
      <label>
        Title <input value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} aria-label="Rule title" />
      </label>
      <label>
        Description <textarea rows={2} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} aria-label="Rule description" />
      </label>
      <label>
        Action{" "}
        <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
          <option>Label</option>
          <option>Hide</option>
          <option>Suspend</option>
        </select>
        {action === "Suspend" ? <input value={blocks} onInput={(e) => setBlocks((e.target as HTMLInputElement).value)} aria-label="Blocks" /> : null}
      </label>
      <button class="primary" onClick={propose}>
        Propose (preimage + referendum + 100 KITH decision deposit)
      </button>
      {step ? <p class="muted propose-step">{step}</p> : null}
      <ErrorNote error={error} />
    </div>
  );
}

function ReferendumVote({ index }: { index: number }) {
  const [amount, setAmount] = useState("10");
  const [conviction, setConviction] = useState(1);
  const [error, setError] = useState<string>();
  const vote = async (aye: boolean) => {
    setError(undefined);
    let balance: bigint;
    try {
      balance = parseAmount(amount);
    } catch (e) {
      return setError((e as Error).message);
    }
    const r = await submit(
      `${aye ? "Aye" : "Nay"} on referendum ${index} (${conviction ? conviction + "x" : "0.1x"})`,
      api.tx.ConvictionVoting.vote({ poll_index: index, vote: { type: "Standard", value: { vote: (aye ? 0x80 : 0) | conviction, balance } } as never }),
    );
    if (!r.ok) setError(r.error);
  };
  return (
    <div class="inline-form">
      <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} aria-label="Vote balance" />
      <ConvictionSelect value={conviction} onChange={setConviction} />
      <button class="primary" onClick={() => vote(true)}>
        Aye
      </button>
      <button onClick={() => vote(false)}>Nay</button>
      <ErrorNote error={error} />
    </div>
  );
}

export function Community() {
  const current = useStore((s) => s.current);
  const data = useAsync(async () => {
    const [book, open, cases, reports, referenda] = await Promise.all([
      rulebook(true),
      api.apis.ModerationApi.open_cases(undefined, 50, BEST),
      api.query.Moderation.Cases.getEntries(BEST),
      api.query.Moderation.Reports.getEntries(BEST),
      api.query.Referenda.ReferendumInfoFor.getEntries(BEST),
    ]);
    return { book, open, cases, reports, referenda };
  }, [], true);
  if (data.error && !data.data) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading what="the community" />;
  const { book, open, cases, reports, referenda } = data.data;
  const me = current?.address;
  const ruleName = (id: number) => `${id}: ${book.rules.find((r) => r.id === id)?.title ?? "retired rule"}`;
  const myReports = reports.filter((r) => sameAccount(r.keyArgs[1] as string, me));
  const mine = cases.filter((c) => sameAccount(c.value.affected, me));
  const jury = cases.filter((c) => c.value.status.type === "Appealed" && c.value.appeal?.jury.some((j: string) => sameAccount(j, me)));
  const ongoing = referenda.filter((r) => r.value.type === "Ongoing");
  return (
    <>
      <h1>Community</h1>
      <Card title={`Rulebook (version ${book.version})`}>
        <ul class="rules">
          {book.rules.map((r) => (
            <li key={r.id}>
              <strong>
                Rule {r.id}: {r.title}
              </strong>{" "}
              <span class="badge">{r.action}</span>
              <div class="muted small">{r.description}</div>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Open cases">
        <div class="list">
        {open.length ? (
          open.map(([id, c]) => (
            <div class="case" key={id} data-case={id}>
              <div>
                <strong>Case {id}</strong>: {targetLink(c.target as never)} under rule {ruleName(c.rule)} ({describeAction(c.action as never)}), {c.reporters.length} reporter(s), closes at #{c.closes}
              </div>
              <div class="muted small">
                uphold <Amount planck={c.uphold} /> · reject <Amount planck={c.reject} /> (with conviction) · support <Amount planck={c.support} /> · status {c.status.type}
              </div>
              {me && c.status.type === "Voting" ? <CaseVote caseId={id} /> : null}
            </div>
          ))
        ) : (
          <p class="muted">No open cases.</p>
        )}
        </div>
      </Card>
      {me ? (
        <Card title="My reports">
          {myReports.length ? (
            <ul>
              {myReports.map((r, i) => (
                <li key={i}>
                  {targetLink(r.keyArgs[0] as never)} under rule {ruleName(r.value.rule)} — “{fromBytes(r.value.note)}”, deposit <Amount planck={r.value.deposit} />{" "}
                  <button class="link" onClick={() => submit("Withdraw report", api.tx.Moderation.withdraw_report({ target: r.keyArgs[0] as never }))}>
                    withdraw
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">You have no open reports. Report a post from its “Report” button.</p>
          )}
        </Card>
      ) : null}
      {me ? (
        <Card title="Appeals">
          {mine.length ? (
            <ul>
              {mine.map((c) => (
                <li key={c.keyArgs[0]}>
                  Case {c.keyArgs[0]} about {targetLink(c.value.target as never)}: {c.value.status.type}{" "}
                  {c.value.status.type === "Upheld" && !c.value.appeal ? (
                    <button onClick={() => submit(`Appeal case ${c.keyArgs[0]}`, api.tx.Moderation.appeal({ case_id: c.keyArgs[0] }))}>Appeal (holds 5 KITH)</button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">No case concerns you.</p>
          )}
          {jury.length ? (
            <>
              <h3>Jury duty</h3>
              {jury.map((c) => (
                <div key={c.keyArgs[0]}>
                  Case {c.keyArgs[0]}:{" "}
                  <button onClick={() => submit("Jury: overturn", api.tx.Moderation.jury_vote({ case_id: c.keyArgs[0], overturn: true }))}>Overturn</button>{" "}
                  <button onClick={() => submit("Jury: confirm", api.tx.Moderation.jury_vote({ case_id: c.keyArgs[0], overturn: false }))}>Confirm</button>
                </div>
              ))}
            </>
          ) : null}
        </Card>
      ) : null}
      <Card title="Referenda (moderation_rules track)">
        <div class="list">
        {ongoing.length ? (
          ongoing.map((r) => {
            const info = r.value.value as any;
            return (
              <div class="case referendum" key={r.keyArgs[0]}>
                <strong>Referendum {r.keyArgs[0]}</strong> on track {info.track === MODERATION_RULES_TRACK ? "moderation_rules" : info.track === 0 ? "root" : info.track}
                <div class="muted small">
                  ayes <Amount planck={info.tally.ayes} /> · nays <Amount planck={info.tally.nays} /> · {info.deciding ? "deciding" : info.decision_deposit ? "preparing" : "needs a decision deposit"}
                </div>
                {me ? <ReferendumVote index={r.keyArgs[0]} /> : null}
              </div>
            );
          })
        ) : (
          <p class="muted">No referendum is ongoing.</p>
        )}
        </div>
      </Card>
      <Card title="Propose a new rule">
        {me ? <ProposeRule /> : <p class="muted">Choose an account to propose a rule.</p>}
      </Card>
    </>
  );
}
