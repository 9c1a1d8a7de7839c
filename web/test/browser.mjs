// The browser test: a real dev node (KITH_NODE_BIN), the built app (dist/) on a static server on
// 127.0.0.1, and Debian's Chromium driven by playwright-core. Bob claims a handle and a profile;
// Charlie finds @bob, follows him, sees his new post arrive in the home feed without reloading,
// replies, reacts and tips; Bob sees the notifications and the tip; a post hidden by a moderation case
// shows as hidden; a too-long post and a tip larger than the balance show their errors and change
// nothing. Screenshots of the main screens go to a folder it prints (with
// KITH_WEB_UPDATE_DOCS=1, the feed's also to docs/feed.png).
import { spawn } from "node:child_process";
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { installWallet, addressOf, keys } from "./wallet.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const nodeBin = process.env.KITH_NODE_BIN ?? "/root/.cache/kith/target/debug/kith-node";
const chromiumBin = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const shots = process.env.KITH_WEB_SHOTS ?? mkdtempSync(join(tmpdir(), "kith-web-shots-"));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (...args) => console.log(`[${elapsed()}]`, ...args);

const pages = {};
let passed = 0;
let failed = 0;
const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {}
  }
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => cleanup().then(() => process.exit(143)));

for (const [what, path] of [["KITH_NODE_BIN", nodeBin], ["Chromium", chromiumBin], ["the built app (scripts/web.sh build)", join(dist, "index.html")]]) {
  if (!existsSync(path)) {
    console.error(`browser test: ${what} not found at ${path}`);
    process.exit(1);
  }
}

/** A free port in [from, to] on 127.0.0.1. */
async function freePort(from, to) {
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    const ok = await new Promise((resolve) => {
      const server = createNetServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

async function startNode() {
  const rpcPort = await freePort(9950, 9999);
  const p2pPort = await freePort(30400, 30499);
  const cache = join(tmpdir(), "kith-web-wasm-cache");
  mkdirSync(cache, { recursive: true });
  const args = ["--dev", "--tmp", "--rpc-port", String(rpcPort), "--listen-addr", `/ip4/127.0.0.1/tcp/${p2pPort}`, "--no-mdns", "--no-prometheus", "--wasm-cache-dir", cache];
  log(`starting ${nodeBin} ${args.join(" ")}`);
  const child = spawn(nodeBin, args, { stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split("\n")) if (line) lines.push(line), lines.length > 60 && lines.shift();
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      log(`node ${child.pid} stopped`);
    }
  });
  process.on("exit", () => child.exitCode === null && child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node exited (${child.exitCode}):\n${lines.join("\n")}`);
    try {
      const header = await rpcAt(url, "chain_getHeader", []);
      if (header && parseInt(header.number, 16) >= 1) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`the node did not produce a block in 120 s:\n${lines.join("\n")}`);
    await sleep(500);
  }
  log(`node ${child.pid} up, RPC ${url}`);
  return { rpcPort, url, ws: `ws://127.0.0.1:${rpcPort}`, lines };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function rpcAt(url, method, params) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await response.json();
  if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
  return body.result;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json" };
async function serveDist() {
  const port = await freePort(9950, 9999);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, "index.html");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${port}`;
}

async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failed++;
    log(`FAIL ${name}: ${error.stack ?? error}`);
    for (const [who, page] of Object.entries(pages)) {
      await page.screenshot({ path: join(shots, `FAILED-${who}.png`), fullPage: true }).catch(() => {});
    }
    throw error;
  }
}

/** Waits for the transaction labelled `label` to be in a block (or to fail) and returns its phase and error. */
async function txDone(page, label, timeout = 60_000) {
  const tx = page.locator(".tx", { hasText: label }).last();
  await tx.waitFor({ timeout });
  await page.waitForFunction(
    (el) => ["inBlock", "finalized", "failed"].includes(el?.dataset.phase),
    await tx.elementHandle(),
    { timeout },
  );
  const phase = await tx.getAttribute("data-phase");
  const error = (await tx.locator(".tx-error").count()) ? await tx.locator(".tx-error").innerText() : undefined;
  return { phase, error };
}
async function expectInBlock(page, label) {
  const { phase, error } = await txDone(page, label);
  if (phase === "failed") throw new Error(`${label} failed: ${error}`);
}

const grouped = (n) => n.toLocaleString("en-US");
/** The credits the wallet screen shows ("Credits 980 / 1,000 · refills daily"). */
async function creditsShown(page) {
  const text = await page.locator('[data-testid="credits"]').innerText({ timeout: 20_000 });
  const match = /^Credits ([\d,]+) \/ ([\d,]+) · refills \w/.exec(text);
  if (!match) throw new Error(`credits shown as "${text}"`);
  const [available, size] = [match[1], match[2]].map((n) => Number(n.replace(/,/g, "")));
  return { available, size };
}

async function shot(page, name) {
  const file = join(shots, `${name}.png`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

async function main() {
  const node = await startNode();
  const app = await serveDist();
  const appUrl = (hash) => `${app}/?rpc=${encodeURIComponent(node.ws)}${hash}`;
  log(`app on ${app}, screenshots in ${shots}`);
  // Playwright gives each launch a fresh, temporary --user-data-dir of its own.
  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  cleanups.push(() => browser.close());
  // A phone-sized screen.
  const phone = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
  const open = async (who) => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    page.on("pageerror", (e) => log(`${who} page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && log(`${who} console: ${m.text()}`));
    // Nothing from outside: every request stays on 127.0.0.1.
    await context.route(/^(?!https?:\/\/127\.0\.0\.1|ws:\/\/127\.0\.0\.1|data:|blob:).*/, (route) => {
      log(`${who}: blocked outside request ${route.request().url()}`);
      failed++;
      return route.abort();
    });
    pages[who] = page;
    await installWallet(page);
    await page.goto(appUrl("#/accounts"));
    await page.locator(`.card:not(.dev) [data-account="${who} (test wallet)"]`).click({ timeout: 30_000 });
    return page;
  };
  const bob = await open("Bob");
  const charlie = await open("Charlie");

  await check("Bob claims @bob and sets his profile through the wallet extension", async () => {
    await bob.getByLabel("Handle").fill("bob");
    await bob.getByRole("button", { name: /Claim handle/ }).click();
    await expectInBlock(bob, "Claim @bob");
    await bob.getByLabel("Display name").fill("Bob Builder");
    await bob.getByLabel("Bio").fill("Builds things on #kith");
    await bob.getByRole("button", { name: "Save profile" }).click();
    await expectInBlock(bob, "Save profile");
    await bob.locator('[data-testid="my-handle"]', { hasText: "@bob" }).waitFor({ timeout: 20_000 });
  });

  await check("Charlie finds @bob by search and follows him", async () => {
    await charlie.getByLabel("Search").fill("@bo");
    await charlie.getByLabel("Search").press("Enter");
    await charlie.locator(".results a", { hasText: "@bob" }).click({ timeout: 20_000 });
    await charlie.locator(".profile h1", { hasText: "Bob Builder" }).waitFor({ timeout: 20_000 });
    await charlie.getByRole("button", { name: "Follow", exact: true }).click();
    await expectInBlock(charlie, "Follow @bob");
    await charlie.locator('[data-testid="followers"]', { hasText: "1" }).waitFor({ timeout: 20_000 });
    await shot(charlie, "profile");
  });

  // Bob's bar is full (a handle's 1,000 credits); a post costs Quota.Params.costs.post from it.
  let credits, postCost;
  await check("Bob's wallet shows his credits and the compose box that his next post is free", async () => {
    postCost = await withApi(node.ws, async (api) => (await api.query.Quota.Params.getValue()).costs.post);
    await bob.goto(appUrl("#/wallet"));
    credits = await creditsShown(bob);
    if (credits.available !== credits.size || credits.size < postCost) throw new Error(`credits ${JSON.stringify(credits)}`);
    await bob.goto(appUrl("#/"));
    await bob.locator('[data-testid="fee-hint"]', { hasText: `Free post: ${postCost} of your ${grouped(credits.available)} credits` }).waitFor({ timeout: 20_000 });
  });

  let postId;
  await check("Bob's new post appears in Charlie's home feed without a reload", async () => {
    await charlie.goto(appUrl("#/"));
    await charlie.locator(".live.on").waitFor({ timeout: 30_000 });
    const text = `Hello from Bob, first post on #kith ${Date.now() % 1000}`;
    await bob.goto(appUrl("#/"));
    await bob.getByLabel("Post text").fill(text);
    await bob.getByRole("button", { name: "Post", exact: true }).click();
    await expectInBlock(bob, "Post");
    const card = charlie.locator(".post", { hasText: text });
    await card.waitFor({ timeout: 30_000 });
    postId = Number(await card.getAttribute("data-post-id"));
  });

  await check("Bob's credits paid for the post: the compose box and the wallet show them down by its cost", async () => {
    const left = credits.available - postCost;
    await bob.locator('[data-testid="fee-hint"]', { hasText: `Free post: ${postCost} of your ${grouped(left)} credits` }).waitFor({ timeout: 20_000 });
    await bob.goto(appUrl("#/wallet"));
    const after = await creditsShown(bob);
    if (after.available !== left || after.size !== credits.size) throw new Error(`credits ${JSON.stringify(after)}, expected ${left} / ${credits.size}`);
  });

  await check("Charlie replies, reacts and tips 2 KITH", async () => {
    const card = () => charlie.locator(`.post[data-post-id="${postId}"]`);
    await card().getByRole("button", { name: "Reply" }).click();
    await card().getByLabel("Post text").fill("Welcome to Kith, Bob!");
    await card().getByRole("button", { name: "Reply", exact: true }).last().click();
    await expectInBlock(charlie, "Reply");
    await card().getByRole("button", { name: "React Like" }).click();
    await expectInBlock(charlie, "Like post");
    await card().getByRole("button", { name: "More reactions" }).click();
    await card().getByRole("button", { name: "React Insightful" }).click();
    await expectInBlock(charlie, "Insightful post");
    await card().getByRole("button", { name: /Tip/ }).click();
    await card().getByLabel("Tip amount").fill("2");
    await card().getByRole("button", { name: "Send tip" }).click();
    await expectInBlock(charlie, "Tip 2 KITH");
    await charlie.goto(appUrl(`#/post/${postId}`));
    await charlie.locator(".post", { hasText: "Welcome to Kith, Bob!" }).waitFor({ timeout: 20_000 });
    await charlie.locator(`.post[data-post-id="${postId}"] .action`, { hasText: "2 KITH" }).waitFor({ timeout: 20_000 });
    await shot(charlie, "thread");
  });

  await check("a too-long post shows the byte limit error and sends nothing", async () => {
    const before = await rpcAt(node.url, "social_authorFeed", [addressOf("Charlie"), null, 100, true]);
    await charlie.goto(appUrl("#/"));
    await charlie.getByLabel("Post text").fill("é".repeat(520));
    await charlie.locator('[data-testid="byte-counter"]', { hasText: "1040 / 1024 bytes" }).waitFor();
    await charlie.getByRole("button", { name: "Post", exact: true }).click();
    await charlie.locator(".composer .error", { hasText: "Too long: 1040 bytes, the limit is 1024" }).waitFor();
    await shot(charlie, "compose-error");
    await sleep(1000);
    const after = await rpcAt(node.url, "social_authorFeed", [addressOf("Charlie"), null, 100, true]);
    if (after.items.length !== before.items.length) throw new Error("a post was made");
    if ((await charlie.locator(".tx", { hasText: /^Post/ }).count()) !== 0) throw new Error("a transaction was sent");
  });

  await check("a tip larger than the balance shows tipping.InsufficientBalance and changes nothing", async () => {
    const before = await rpcAt(node.url, "social_profile", ["@bob"]);
    await charlie.goto(appUrl("#/@bob"));
    await charlie.getByRole("button", { name: /Tip/ }).first().click();
    await charlie.getByLabel("Tip amount").fill("1000000000");
    await charlie.getByRole("button", { name: "Send tip" }).click();
    const { phase, error } = await txDone(charlie, "Tip 1,000,000,000 KITH");
    if (phase !== "failed" || !/tipping\.InsufficientBalance: .+/.test(error)) throw new Error(`phase ${phase}, error ${error}`);
    await charlie.locator(".tip-form .error", { hasText: "tipping.InsufficientBalance" }).waitFor();
    const notes = await rpcAt(node.url, "social_notifications", [addressOf("Bob"), null, 50]);
    const tips = notes.items.filter((n) => n.kind.type === "tipped");
    if (tips.length !== 1 || tips[0].kind.amount !== String(2n * 10n ** 12n)) throw new Error(`tips: ${JSON.stringify(tips)}`);
    void before;
  });

  await check("Bob sees the follow, reply, reaction and tip in his notifications and wallet", async () => {
    await bob.goto(appUrl("#/notifications"));
    await bob.locator('[data-testid="unread-badge"]').waitFor({ timeout: 30_000 });
    for (const kind of ["followed", "replied", "reacted", "tipped"]) await bob.locator(`.notifications li[data-kind="${kind}"]`).first().waitFor({ timeout: 30_000 });
    await bob.locator('.notifications li[data-kind="tipped"]', { hasText: "2 KITH" }).waitFor();
    await shot(bob, "notifications");
    await bob.getByRole("button", { name: /Mark all read/ }).click();
    await bob.locator('[data-testid="unread-badge"]').waitFor({ state: "detached", timeout: 20_000 });
    await bob.goto(appUrl("#/wallet"));
    await bob.locator('[data-testid="tips-received"]', { hasText: "1 tip, 2 KITH" }).waitFor({ timeout: 20_000 });
    await shot(bob, "wallet");
  });

  await check("a post hidden by an upheld moderation case shows as hidden by community rule 0", async () => {
    await bob.goto(appUrl("#/"));
    await bob.getByLabel("Post text").fill("Buy cheap followers now!!! #spam");
    await bob.getByRole("button", { name: "Post", exact: true }).click();
    await expectInBlock(bob, "Post");
    const feed = await waitFor(async () => {
      const page = await rpcAt(node.url, "social_authorFeed", [addressOf("Bob"), null, 10, false]);
      return page.items.find((p) => p.content.text?.startsWith("Buy cheap"));
    });
    const spamId = feed.id;
    // Dave, Eve and Ferdie report it as spam (rule 0), from the test process, in one block.
    await reportFromNode(node.ws, spamId);
    // Alice upholds the case through the page, with a dev account.
    await charlie.goto(appUrl("#/community"));
    await charlie.getByLabel("Account").selectOption({ label: "Alice (dev)" });
    const caseBox = charlie.locator(".case", { hasText: `post ${spamId}` });
    await caseBox.waitFor({ timeout: 30_000 });
    await caseBox.getByRole("textbox").fill("1000");
    await caseBox.getByLabel("Conviction").selectOption({ label: "3x" });
    await caseBox.getByRole("button", { name: "Uphold" }).click();
    await expectInBlock(charlie, "Uphold case");
    // Conviction 3x: 1,000 KITH counts 3,000; the support (the quorum's measure) is the 1,000.
    await charlie.locator(".case", { hasText: /uphold 3,000 KITH .* support 1,000 KITH/ }).waitFor({ timeout: 20_000 });
    await shot(charlie, "community");
    // While the case's vote runs, Alice proposes a rule on the moderation_rules track and votes on it.
    await charlie.getByLabel("Rule title").fill("No engagement bait");
    await charlie.getByLabel("Rule description").fill("Posts that beg for reactions or tips.");
    await charlie.getByRole("button", { name: /^Propose/ }).click();
    await charlie.locator(".propose-step", { hasText: /Proposed as referendum \d+/ }).waitFor({ timeout: 60_000 });
    const referendum = charlie.locator(".referendum").first();
    await referendum.waitFor({ timeout: 20_000 });
    await referendum.getByLabel("Vote balance").fill("50");
    await referendum.getByLabel("Conviction").selectOption({ label: "2x" });
    await referendum.getByRole("button", { name: "Aye" }).click();
    await expectInBlock(charlie, "Aye on referendum");
    await charlie.locator(".referendum", { hasText: "ayes 100 KITH" }).waitFor({ timeout: 20_000 });
    await charlie.locator(".referendum").first().scrollIntoViewIfNeeded();
    await shot(charlie, "community-referendum");
    // Back to Charlie's home feed: the post is hidden once the vote closes (5 blocks on --dev).
    await charlie.getByLabel("Account").selectOption({ label: "Charlie (test wallet) (kith-test-wallet)" });
    await charlie.goto(appUrl("#/"));
    const hidden = charlie.locator(`.post[data-post-id="${spamId}"] [data-testid="hidden-post"]`);
    await waitFor(async () => {
      if (await hidden.count()) return true;
      await charlie.reload();
      await charlie.locator(".post").first().waitFor({ timeout: 20_000 });
      return false;
    }, 90_000, 6000);
    await charlie.locator(`.post[data-post-id="${spamId}"] [data-testid="hidden-post"]`, { hasText: "Hidden by community rule 0 (Spam)" }).waitFor({ timeout: 20_000 });
    await charlie.locator(".post", { hasText: "Hello from Bob" }).first().scrollIntoViewIfNeeded();
    await charlie.evaluate(() => window.scrollTo(0, 0));
    const feedShot = await shot(charlie, "feed");
    // KITH_WEB_UPDATE_DOCS=1 refreshes the README's screenshot; a plain test run leaves the tree alone.
    if (process.env.KITH_WEB_UPDATE_DOCS === "1") copyFileSync(feedShot, join(root, "docs", "feed.png"));
    await charlie.locator(`.post[data-post-id="${spamId}"]`).getByRole("button", { name: "Show anyway" }).click();
    await charlie.locator(`.post[data-post-id="${spamId}"]`, { hasText: "Buy cheap followers" }).waitFor();
  });

  await check("the validators screen shows the set and my status", async () => {
    await charlie.goto(appUrl("#/validators"));
    await charlie.locator('[data-testid="validator-status"]', { hasText: "not a candidate" }).waitFor({ timeout: 20_000 });
    await shot(charlie, "validators");
  });
}

async function waitFor(fn, timeout = 30_000, every = 1000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(every);
  }
}

/** Runs `fn` with the typed API of a PAPI client of the node at `ws`, in Node. */
async function withApi(ws, fn) {
  const { createClient } = await import("polkadot-api");
  const { getWsProvider } = await import("polkadot-api/ws");
  const { kith } = await import(join(root, ".papi/descriptors/dist/index.js"));
  const client = createClient(getWsProvider(ws));
  try {
    return await fn(client.getTypedApi(kith));
  } finally {
    client.destroy();
  }
}

/** Three reports of post `id` under rule 0 (Spam), signed in Node with PAPI. */
async function reportFromNode(ws, id) {
  const { getPolkadotSigner } = await import("polkadot-api/signer");
  await withApi(ws, async (api) => {
    await Promise.all(
      ["Dave", "Eve", "Ferdie"].map(async (name) => {
        const signer = getPolkadotSigner(keys[name].publicKey, "Sr25519", keys[name].sign);
        const tx = api.tx.Moderation.report({ target: { type: "Post", value: BigInt(id) }, rule_id: 0, note: new TextEncoder().encode("spam") });
        const result = await new Promise((resolve, reject) => {
          const sub = tx.signSubmitAndWatch(signer).subscribe({
            next: (event) => {
              if (event.type === "txBestBlocksState" && event.found) sub.unsubscribe(), resolve(event);
            },
            error: reject,
          });
        });
        if (!result.ok) throw new Error(`${name}'s report failed: ${JSON.stringify(result.dispatchError)}`);
      }),
    );
  });
  log("Dave, Eve and Ferdie reported the post");
}

let code = 0;
try {
  await main();
} catch (error) {
  code = 1;
  if (!failed) {
    failed++;
    console.error(error);
  }
} finally {
  await cleanup();
}
console.log(`screenshots: ${shots}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(code || (failed ? 1 : 0));
