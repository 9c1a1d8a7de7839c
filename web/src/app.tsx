import { useEffect, useState } from "preact/hooks";
import { connectionStatus, endpoint, onStatus, social, socialSubscribe } from "./chain";
import { loadAccounts, selectAccount } from "./accounts";
import { TxTray } from "./components/TxTray";
import { href, parseRoute, type Route } from "./lib/route";
import { Accounts } from "./screens/Accounts";
import { Community } from "./screens/Community";
import { Home, Latest, Search, Tag, Thread } from "./screens/Feeds";
import { Notifications } from "./screens/Notifications";
import { Profile } from "./screens/Profile";
import { Validators } from "./screens/Validators";
import { Wallet } from "./screens/Wallet";
import { isUnknownAccount, type Notification, type Update } from "./social";
import { setState, useStore } from "./store";

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
    };
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  return route;
}

/** The unread count: read once, then kept up to date by social_subscribeNotifications. */
function useUnread(account?: string) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!account) return;
    let live = true;
    social<{ count: number }>("unreadCount", [account]).then(
      ({ count }) => live && setState({ unread: count }),
      (e) => live && isUnknownAccount(e) && setState({ unread: 0 }),
    );
    const sub = socialSubscribe<Update<Notification>>("subscribeNotifications", "unsubscribeNotifications", [account]).subscribe({
      next: (update) => {
        if (update.items.length || update.retracted?.length)
          social<{ count: number }>("unreadCount", [account]).then(({ count }) => live && setState({ unread: count }));
      },
      // Not indexed yet: try again a little later.
      error: () => setTimeout(() => live && setTick((t) => t + 1), 6000),
    });
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [account, tick]);
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "home":
      return <Home />;
    case "latest":
      return <Latest />;
    case "post":
      return <Thread id={route.id} />;
    case "tag":
      return <Tag tag={route.tag} />;
    case "profile":
      return <Profile who={route.who} />;
    case "search":
      return <Search query={route.query} />;
    case "notifications":
      return <Notifications />;
    case "wallet":
      return <Wallet />;
    case "community":
      return <Community />;
    case "validators":
      return <Validators />;
    case "accounts":
      return <Accounts />;
    default:
      return <p>Nothing here. <a href="#/">Home</a></p>;
  }
}

export function App() {
  const route = useRoute();
  const accounts = useStore((s) => s.accounts);
  const current = useStore((s) => s.current);
  const unread = useStore((s) => s.unread);
  const [status, setStatus] = useState(connectionStatus);
  const [query, setQuery] = useState("");
  useEffect(() => {
    loadAccounts();
    return onStatus(() => setStatus(connectionStatus));
  }, []);
  useUnread(current?.address);
  const nav: Array<[Route["name"], string, string]> = [
    ["home", "#/", "Home"],
    ["latest", "#/latest", "Latest"],
    ["notifications", "#/notifications", "Alerts"],
    ["wallet", "#/wallet", "Wallet"],
    ["community", "#/community", "Community"],
    ["validators", "#/validators", "Validators"],
  ];
  return (
    <div class="app">
      <header class="top">
        <a class="brand" href="#/">
          kith
        </a>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = query.trim();
            if (!q) return;
            location.hash = /^#\w+$/.test(q) ? href({ name: "tag", tag: q.slice(1) }) : href({ name: "search", query: q });
          }}
        >
          <input type="search" placeholder="Search @handles, #tags" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} aria-label="Search" />
        </form>
        <select
          class="account-picker"
          aria-label="Account"
          value={current ? `${current.source}:${current.address}` : ""}
          onChange={(e) => {
            const value = (e.target as HTMLSelectElement).value;
            if (value === "manage") location.hash = "#/accounts";
            else selectAccount(accounts.find((a) => `${a.source}:${a.address}` === value));
          }}
        >
          <option value="">{accounts.length ? "Choose account" : "No account"}</option>
          {accounts.map((a) => (
            <option key={`${a.source}:${a.address}`} value={`${a.source}:${a.address}`}>
              {a.name}
              {a.source === "dev" ? " (dev)" : ` (${a.source})`}
            </option>
          ))}
          <option value="manage">Manage accounts…</option>
        </select>
      </header>
      <nav class="tabs">
        {nav.map(([name, link, label]) => (
          <a key={name} href={link} class={route.name === name ? "active" : ""}>
            {label}
            {name === "notifications" && unread ? (
              <span class="badge count" data-testid="unread-badge">
                {unread}
              </span>
            ) : null}
          </a>
        ))}
        {current ? (
          <a href={href({ name: "profile", who: current.address })} class={route.name === "profile" ? "active" : ""}>
            Me
          </a>
        ) : null}
      </nav>
      {status !== "connected" ? (
        <div class={`conn ${status}`}>
          {status === "connecting" ? "Connecting to" : "Not connected to"} {endpoint}
        </div>
      ) : null}
      {current?.source === "dev" ? <div class="dev-banner">Signed in as development account {current.name} (well-known key)</div> : null}
      <main>
        <Screen route={route} />
      </main>
      <TxTray />
    </div>
  );
}
